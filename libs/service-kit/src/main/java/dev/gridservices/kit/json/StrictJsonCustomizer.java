package dev.gridservices.kit.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.ArrayType;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Collection;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes every service's JSON reading strict, so that a body that is not what the schema says is a 400
 * rather than a silently altered value or a 500 further down:
 * <ul>
 *   <li>no scalar coercion: {@code "slug": 0.000001} does not become the string {@code "1e-06"},
 *       {@code "enabled": "true"} is not a boolean, {@code "count": "5"} or {@code 1.5} is not an int,
 *       {@code 1} is not a boolean nor an enum;</li>
 *   <li>{@code null} for a primitive, trailing tokens after the document and duplicate keys are errors;</li>
 *   <li>bounded input (Jackson's {@link StreamReadConstraints}, tightened): string length, number
 *       length, property-name length, nesting depth; and array length, which Jackson does not bound,
 *       checked per collection/array property.</li>
 * </ul>
 * Each violation surfaces as a Jackson exception that service-kit's mappers answer with a 400 problem.
 * Limits are configuration ({@code gridservices.json.*}), for a service whose documents are larger.
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {

    private final int maxStringLength;
    private final int maxNestingDepth;
    private final int maxArrayLength;

    public StrictJsonCustomizer(
            @ConfigProperty(name = "gridservices.json.max-string-length", defaultValue = "262144") int maxStringLength,
            @ConfigProperty(name = "gridservices.json.max-nesting-depth", defaultValue = "64") int maxNestingDepth,
            @ConfigProperty(name = "gridservices.json.max-array-length", defaultValue = "10000") int maxArrayLength) {
        this.maxStringLength = maxStringLength;
        this.maxNestingDepth = maxNestingDepth;
        this.maxArrayLength = maxArrayLength;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(maxStringLength)
                .maxNestingDepth(maxNestingDepth)
                .maxNumberLength(100)
                .maxNameLength(1024)
                .build());
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());

        // What the deprecated ObjectMapper.configure(MapperFeature, false) does: both configs drop the feature
        mapper.setConfig(mapper.getDeserializationConfig().without(MapperFeature.ALLOW_COERCION_OF_SCALARS));
        mapper.setConfig(mapper.getSerializationConfig().without(MapperFeature.ALLOW_COERCION_OF_SCALARS));
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // A number or boolean where a string belongs: ALLOW_COERCION_OF_SCALARS does not cover this
        // direction, the coercion configs do.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);

        SimpleModule arrays = new SimpleModule("gridservices-array-length");
        arrays.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                    BeanDescription description,
                                                                    JsonDeserializer<?> deserializer) {
                return new BoundedLength(deserializer, maxArrayLength);
            }

            @Override
            public JsonDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType type,
                                                               BeanDescription description,
                                                               JsonDeserializer<?> deserializer) {
                return new BoundedLength(deserializer, maxArrayLength);
            }
        });
        mapper.registerModule(arrays);
    }

    /** Fails a collection or array longer than the bound, once read (the body size bounds the reading). */
    static final class BoundedLength extends DelegatingDeserializer {

        private final int max;

        BoundedLength(JsonDeserializer<?> delegate, int max) {
            super(delegate);
            this.max = max;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new BoundedLength(newDelegatee, max);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return check(p, super.deserialize(p, ctxt));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue) throws IOException {
            return check(p, ((JsonDeserializer<Object>) _delegatee).deserialize(p, ctxt, intoValue));
        }

        private Object check(JsonParser p, Object value) throws IOException {
            int length = value instanceof Collection<?> c ? c.size()
                    : value != null && value.getClass().isArray() ? Array.getLength(value) : 0;
            if (length > max) {
                throw InvalidFormatException.from(p, "array has " + length + " elements, more than " + max,
                        null, value.getClass());
            }
            return value;
        }
    }
}
