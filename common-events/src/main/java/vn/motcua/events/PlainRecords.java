package vn.motcua.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The codec's fast path ({@link CloudEventsCodec#decode} tries it first): one pass over the headers, a streaming JSON
 * parse straight into the record's constructor arguments, hand-rolled UUID and ISO-instant parsing, no tree and no
 * reflection per field. It takes only the plain, common shape of a record (what {@link CloudEventsCodec#encode} writes:
 * string/enum/instant/date/boolean/int/long/decimal fields with their natural JSON tokens, each at most once, instants in
 * UTC {@code ...Z}, canonical UUIDs) and answers null for anything else (an unusual but maybe valid encoding, or a
 * malformed record), which the mapper then decodes or rejects, so the codec's answer is the mapper's answer whichever
 * path gave it ({@code PlainRecordsTest}). Stateless and thread-safe.
 */
final class PlainRecords {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<String, EventType> TYPES = new HashMap<>();
    private static final Map<EventType, Shape> SHAPES = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.values()) {
            TYPES.put(type.ceType(), type);
            SHAPES.put(type, Shape.of(type.eventClass()));
        }
    }

    /** How one record class is read: its components by JSON name, in constructor order. */
    private record Shape(Map<String, Integer> index, Class<?>[] types, Constructor<?> constructor) {
        static Shape of(Class<?> recordClass) {
            RecordComponent[] components = recordClass.getRecordComponents();
            Map<String, Integer> index = new HashMap<>();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                index.put(components[i].getName(), i);
                types[i] = components[i].getType();
            }
            try {
                return new Shape(index, types, recordClass.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Thrown by the fast path when a record is not in the plain shape: the mapper decides instead. */
    private static final class NotPlain extends Exception {
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false); // no stack trace: cheap
        }
    }


    private PlainRecords() {
    }

    /** The envelope of a plain record; null when the record is not plain (the mapper decides). */
    static EventEnvelope decode(ConsumerRecord<String, byte[]> record) {
        try {
            return fast(record);
        } catch (NotPlain | IOException | RuntimeException e) {
            return null;
        }
    }

    private static EventEnvelope fast(ConsumerRecord<String, byte[]> record) throws NotPlain, IOException {
        byte[] type = null;
        byte[] id = null;
        byte[] time = null;
        byte[] source = null;
        byte[] subject = null;
        for (Header h : record.headers()) { // the last one of a name wins, as Headers.lastHeader
            switch (h.key()) {
                case "ce_type" -> type = h.value();
                case "ce_id" -> id = h.value();
                case "ce_time" -> time = h.value();
                case "ce_source" -> source = h.value();
                case "ce_subject" -> subject = h.value();
                default -> { }
            }
        }
        if (type == null || id == null || time == null || source == null || subject == null
                || record.value() == null) {
            return null;
        }
        EventType eventType = TYPES.get(new String(type, StandardCharsets.UTF_8));
        if (eventType == null) {
            return null;
        }
        UUID uuid = uuid(id);
        Instant at = instant(time);
        MotcuaEvent data = body(record.value(), SHAPES.get(eventType));
        return new EventEnvelope(uuid, new String(source, StandardCharsets.UTF_8), eventType,
                new String(subject, StandardCharsets.UTF_8), at, data);
    }

    private static MotcuaEvent body(byte[] value, Shape shape) throws NotPlain, IOException {
        Object[] args = new Object[shape.types().length];
        long seen = 0;
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw NotPlain.INSTANCE;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                Integer i = shape.index().get(p.currentName());
                JsonToken v = p.nextToken();
                if (i == null) {
                    p.skipChildren(); // a field a newer producer added
                    continue;
                }
                if ((seen & (1L << i)) != 0) {
                    throw NotPlain.INSTANCE; // the same field twice
                }
                seen |= 1L << i;
                args[i] = value(p, v, shape.types()[i]);
            }
            if (t != JsonToken.END_OBJECT) {
                throw NotPlain.INSTANCE;
            }
        }
        Class<?>[] types = shape.types();
        for (int i = 0; i < types.length; i++) {
            if (types[i].isPrimitive() && args[i] == null) {
                if ((seen & (1L << i)) != 0) {
                    throw NotPlain.INSTANCE; // an explicit null for a primitive: the mapper decides
                }
                // Absent (a 1.0 producer's record has none of 1.1's counts, fee, revision): Jackson's default.
                args[i] = absent(types[i]);
            }
        }
        try {
            return (MotcuaEvent) shape.constructor().newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw NotPlain.INSTANCE;
        }
    }

    private static Object absent(Class<?> primitive) throws NotPlain {
        if (primitive == boolean.class) {
            return false;
        }
        if (primitive == int.class) {
            return 0;
        }
        if (primitive == long.class) {
            return 0L;
        }
        throw NotPlain.INSTANCE;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(JsonParser p, JsonToken v, Class<?> type) throws NotPlain, IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (type == String.class && v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (type == Instant.class && v == JsonToken.VALUE_STRING) {
            return instant(p.getText().getBytes(StandardCharsets.US_ASCII));
        }
        if (type.isEnum() && v == JsonToken.VALUE_STRING) {
            return Enum.valueOf((Class<? extends Enum>) type, p.getText()); // unknown constant: mapper decides
        }
        if (type == LocalDate.class && v == JsonToken.VALUE_STRING) {
            return LocalDate.parse(p.getText()); // ISO yyyy-MM-dd as the mapper writes it; anything odd: mapper
        }
        if ((type == boolean.class || type == Boolean.class)
                && (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE)) {
            return v == JsonToken.VALUE_TRUE;
        }
        if (type == int.class && v == JsonToken.VALUE_NUMBER_INT
                && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (type == long.class && v == JsonToken.VALUE_NUMBER_INT
                && (p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG)) {
            return p.getLongValue();
        }
        if (type == BigDecimal.class && (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT)) {
            return p.getDecimalValue();
        }
        throw NotPlain.INSTANCE;
    }

    /** Canonical 8-4-4-4-12 hex only. */
    static UUID uuid(byte[] s) throws NotPlain {
        if (s.length != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') {
            throw NotPlain.INSTANCE;
        }
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (byte b : s) {
            if (b == '-') {
                continue;
            }
            int d = hex(b);
            if (digits < 16) {
                hi = hi << 4 | d;
            } else {
                lo = lo << 4 | d;
            }
            digits++;
        }
        return new UUID(hi, lo);
    }

    private static int hex(byte b) throws NotPlain {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        throw NotPlain.INSTANCE;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as {@link Instant#parse} reads it; other forms are not plain. */
    static Instant instant(byte[] s) throws NotPlain {
        int n = s.length;
        if (n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
                || s[n - 1] != 'Z') {
            throw NotPlain.INSTANCE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between '.' and 'Z'
            if (s[19] != '.' || fraction < 1 || fraction > 9) {
                throw NotPlain.INSTANCE;
            }
            nanos = digits(s, 20, fraction);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        } else if (n != 20) {
            throw NotPlain.INSTANCE;
        }
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            throw NotPlain.INSTANCE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            throw NotPlain.INSTANCE; // e.g. February 30th: the mapper says what that is
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    }

    private static int digits(byte[] s, int from, int count) throws NotPlain {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                throw NotPlain.INSTANCE;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
