-- Wakes the webhook workers of every replica when deliveries are queued: NOTIFY is delivered at commit
-- (never for a rolled-back insert) and once per transaction for a given payload, however many rows.
CREATE FUNCTION webhook_delivery_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('webhook_delivery', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER webhook_delivery_queued AFTER INSERT ON webhook_delivery
    FOR EACH STATEMENT EXECUTE FUNCTION webhook_delivery_notify();
