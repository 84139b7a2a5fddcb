package dev.gridservices.openadr;

/** The OpenADR 3.1 {@code objectTypes} enumeration: what kind of object a VTN serves. */
public enum ObjectType {
    PROGRAM, EVENT, REPORT, SUBSCRIPTION, VEN, RESOURCE
}
