-- The test clock's offset (coffer.test-clock=true only): one row every node reads, so all nodes of a cluster agree on
-- the time and an advance survives a restart. Time only moves forward: the offset never shrinks.
CREATE TABLE test_clock (
    id             boolean PRIMARY KEY DEFAULT true CHECK (id),
    offset_micros  bigint NOT NULL DEFAULT 0 CHECK (offset_micros >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO test_clock DEFAULT VALUES;

CREATE FUNCTION test_clock_only_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.offset_micros < OLD.offset_micros THEN
        RAISE EXCEPTION 'the test clock only moves forward';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER test_clock_only_forward BEFORE UPDATE ON test_clock
    FOR EACH ROW EXECUTE FUNCTION test_clock_only_forward();
