package vn.motcua.reporting.dossier;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code procedure_counter}: per office, procedure and local day (D), month (M) or year (Y), the dossiers newly received,
 * those ONLINE, the online payments, and the latest dossier of the bucket with what it said of its procedure.
 * Live, new receipts and payments move the rows by deltas ({@link ProcedureDeltas}); a bucket whose latest
 * dossier may have been taken away is recomputed from the facts, and a rebuild derives them all at once with the
 * same definition in one grouped statement. Either way a row is a function of the facts.
 */
public final class ProcedureCounters {
    /** One day bucket of one office and procedure. */
    public record Key(String officeId, String procedureCode, LocalDate day) {
    }

    private static final String COLUMNS = "office_id, procedure_code, grain, bucket, received, received_online,"
            + " paid_online, last_received_at, last_dossier_id, last_eligible, last_fee, last_online_payment";

    /** Day rows of the given keys, from the facts; keys without a dossier or payment get no row. */
    private static final String DAYS = """
            insert into procedure_counter (%s)
            select k.o, k.p, 'D', k.d, coalesce(r.n, 0), coalesce(r.online, 0), coalesce(pay.n, 0),
                   l.received_at, l.dossier_id, l.online_eligible, l.fee, l.online_payment
              from (select distinct * from unnest(?::text[], ?::text[], ?::date[])) k (o, p, d)
             cross join lateral (select (k.d::timestamp at time zone ?) lo, ((k.d + 1)::timestamp at time zone ?) hi) b
              left join lateral (select count(*) n, count(*) filter (where f.channel = 'ONLINE') online
                                   from dossier_fact f
                                  where f.office_id = k.o and f.procedure_code = k.p and f.cancelled_at is null
                                    and f.received_at >= b.lo and f.received_at < b.hi) r on true
              left join lateral (select f.received_at, f.dossier_id, f.online_eligible, f.fee, f.online_payment
                                   from dossier_fact f
                                  where f.office_id = k.o and f.procedure_code = k.p and f.cancelled_at is null
                                    and f.received_at >= b.lo and f.received_at < b.hi
                                  order by f.received_at desc, f.dossier_id desc limit 1) l on true
              left join lateral (select count(*) n from fee_payment fp join dossier_fact f on f.dossier_id = fp.dossier_id
                                  where fp.online and fp.paid_at >= b.lo and fp.paid_at < b.hi
                                    and f.office_id = k.o and f.procedure_code = k.p and f.cancelled_at is null
                                    and f.received_at is not null) pay on true
             where r.n > 0 or pay.n > 0
            """.formatted(COLUMNS);

    /**
     * Month (year) rows of the keys {@code (o, p, m)} given by {@code %2$s}, from their day (month) rows: the
     * template's 'M', 'D' and '1 month' become 'Y', 'M' and '1 year' for years.
     */
    private static final String MONTHS = """
            insert into procedure_counter (%1$s)
            select k.o, k.p, 'M', k.m, s.received, s.online, s.paid,
                   l.last_received_at, l.last_dossier_id, l.last_eligible, l.last_fee, l.last_online_payment
              from (%2$s) k (o, p, m)
             cross join lateral (select sum(c.received) received, sum(c.received_online) online,
                                        sum(c.paid_online) paid
                                   from procedure_counter c
                                  where c.office_id = k.o and c.grain = 'D' and c.bucket >= k.m
                                    and c.bucket < (k.m + interval '1 month')::date and c.procedure_code = k.p) s
              left join lateral (select c.* from procedure_counter c
                                  where c.office_id = k.o and c.grain = 'D' and c.bucket >= k.m
                                    and c.bucket < (k.m + interval '1 month')::date and c.procedure_code = k.p
                                    and c.last_received_at is not null
                                  order by c.last_received_at desc, c.last_dossier_id desc limit 1) l on true
             where s.received is not null
            """;

    /** The deltas of {@link #add}: counts per bucket, and the new receipts of which each bucket keeps the latest. */
    private static final String ADD = """
            with n (o, p, g, b, received, online, paid) as (
                     select * from unnest(?::text[], ?::text[], ?::text[], ?::date[], ?::bigint[], ?::bigint[],
                                          ?::bigint[])),
                 l (o, p, g, b, at, id, eligible, fee, online_payment) as (
                     select distinct on (u.o, u.p, u.g, u.b) *
                       from unnest(?::text[], ?::text[], ?::text[], ?::date[], ?::timestamptz[], ?::text[],
                                   ?::boolean[], ?::bigint[], ?::boolean[]) u (o, p, g, b, at, id, e, f, op)
                      order by u.o, u.p, u.g, u.b, u.at desc, u.id desc)
            insert into procedure_counter (%s)
            select n.o, n.p, n.g, n.b, n.received, n.online, n.paid, l.at, l.id, l.eligible, l.fee, l.online_payment
              from n left join l on l.o = n.o and l.p = n.p and l.g = n.g and l.b = n.b
             order by n.o, n.g, n.b, n.p
            on conflict (office_id, grain, bucket, procedure_code) do update set
                received = procedure_counter.received + excluded.received,
                received_online = procedure_counter.received_online + excluded.received_online,
                paid_online = procedure_counter.paid_online + excluded.paid_online,
                last_received_at = %s,
                last_dossier_id = %s,
                last_eligible = %s,
                last_fee = %s,
                last_online_payment = %s
            """.formatted(COLUMNS, newer("last_received_at"), newer("last_dossier_id"), newer("last_eligible"),
            newer("last_fee"), newer("last_online_payment"));

    private static String newer(String column) {
        return ("case when excluded.last_received_at is not null and (procedure_counter.last_received_at is null"
                + " or (excluded.last_received_at, excluded.last_dossier_id)"
                + " > (procedure_counter.last_received_at, procedure_counter.last_dossier_id))"
                + " then excluded.%1$s else procedure_counter.%1$s end").formatted(column);
    }

    private static String years(String months) {
        return months.replace("'M'", "'Y'").replace("'D'", "'M'").replace("'1 month'", "'1 year'");
    }

    private ProcedureCounters() {
    }

    /**
     * Adds the batch's day changes to their day, month and year rows in one upsert, rows in key order (the lock
     * order); a bucket's latest dossier is replaced only by a newer receipt, in the derivation's order.
     */
    static void add(Connection connection, Map<Key, ProcedureDeltas.Change> days) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        Map<Bucket, ProcedureDeltas.Change> rows = new HashMap<>(days.size() * 3);
        days.forEach((day, change) -> {
            for (Bucket bucket : Bucket.rowsOf(day)) {
                ProcedureDeltas.Change sum = rows.computeIfAbsent(bucket, b -> new ProcedureDeltas.Change());
                sum.received += change.received;
                sum.online += change.online;
                sum.paid += change.paid;
                sum.receipts.addAll(change.receipts);
            }
        });
        List<Object[]> counts = new ArrayList<>();
        List<Object[]> receipts = new ArrayList<>();
        rows.forEach((b, c) -> {
            String start = b.start().toString();
            counts.add(new Object[] {b.officeId(), b.procedureCode(), b.grain(), start, c.received, c.online, c.paid});
            for (ProcedureDeltas.Receipt r : c.receipts) {
                receipts.add(new Object[] {b.officeId(), b.procedureCode(), b.grain(), start,
                        r.receivedAt().toString(), r.dossierId(), r.eligible(), r.fee(), r.onlinePayment()});
            }
        });
        try (PreparedStatement ps = connection.prepareStatement(ADD)) {
            String[] types = {"text", "text", "text", "text", "bigint", "bigint", "bigint"};
            for (int i = 0; i < types.length; i++) {
                ps.setArray(i + 1, column(connection, types[i], counts, i));
            }
            String[] receiptTypes = {"text", "text", "text", "text", "text", "text", "boolean", "bigint", "boolean"};
            for (int i = 0; i < receiptTypes.length; i++) {
                ps.setArray(types.length + i + 1, column(connection, receiptTypes[i], receipts, i));
            }
            ps.executeUpdate();
        }
    }

    /** One row of the table: a day ('D'), month ('M') or year ('Y') of one office and procedure. */
    private record Bucket(String officeId, String procedureCode, String grain, LocalDate start) {
        /** The day's own row and the month and year rows it sums into. */
        static List<Bucket> rowsOf(Key day) {
            return List.of(new Bucket(day.officeId(), day.procedureCode(), "D", day.day()),
                    new Bucket(day.officeId(), day.procedureCode(), "M", day.day().withDayOfMonth(1)),
                    new Bucket(day.officeId(), day.procedureCode(), "Y", day.day().withDayOfYear(1)));
        }
    }

    private static Array column(Connection connection, String type, List<Object[]> rows, int i) throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int r = 0; r < values.length; r++) {
            values[r] = rows.get(r)[i];
        }
        return connection.createArrayOf(type, values);
    }

    /** Recomputes the day rows of {@code keys} and the month rows above them. */
    static void recompute(Connection connection, ZoneId zone, Collection<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        int n = keys.size();
        String[] office = new String[n];
        String[] procedure = new String[n];
        String[] day = new String[n];
        Set<Key> months = new LinkedHashSet<>();
        Set<Key> years = new LinkedHashSet<>();
        int i = 0;
        for (Key k : keys) {
            office[i] = k.officeId();
            procedure[i] = k.procedureCode();
            day[i++] = k.day().toString();
            months.add(new Key(k.officeId(), k.procedureCode(), k.day().withDayOfMonth(1)));
            years.add(new Key(k.officeId(), k.procedureCode(), k.day().withDayOfYear(1)));
        }
        Array o = connection.createArrayOf("text", office);
        Array p = connection.createArrayOf("text", procedure);
        Array d = connection.createArrayOf("text", day);
        try (PreparedStatement ps = connection.prepareStatement("delete from procedure_counter c using"
                + " unnest(?::text[], ?::text[], ?::date[]) k (o, p, d)"
                + " where c.office_id = k.o and c.grain = 'D' and c.bucket = k.d and c.procedure_code = k.p")) {
            ps.setArray(1, o);
            ps.setArray(2, p);
            ps.setArray(3, d);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(DAYS)) {
            ps.setArray(1, o);
            ps.setArray(2, p);
            ps.setArray(3, d);
            ps.setString(4, zone.getId());
            ps.setString(5, zone.getId());
            ps.executeUpdate();
        }
        rollUp(connection, 'M', MONTHS, months);
        rollUp(connection, 'Y', years(MONTHS), years);
    }

    private static void rollUp(Connection connection, char grain, String template, Set<Key> keys)
            throws SQLException {
        String[] o = keys.stream().map(Key::officeId).toArray(String[]::new);
        String[] p = keys.stream().map(Key::procedureCode).toArray(String[]::new);
        String[] b = keys.stream().map(k -> k.day().toString()).toArray(String[]::new);
        try (PreparedStatement ps = connection.prepareStatement("delete from procedure_counter c using"
                + " unnest(?::text[], ?::text[], ?::date[]) k (o, p, m)"
                + " where c.office_id = k.o and c.grain = '" + grain + "' and c.bucket = k.m"
                + " and c.procedure_code = k.p")) {
            ps.setArray(1, connection.createArrayOf("text", o));
            ps.setArray(2, connection.createArrayOf("text", p));
            ps.setArray(3, connection.createArrayOf("text", b));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(template.formatted(COLUMNS,
                "select distinct * from unnest(?::text[], ?::text[], ?::date[])"))) {
            ps.setArray(1, connection.createArrayOf("text", o));
            ps.setArray(2, connection.createArrayOf("text", p));
            ps.setArray(3, connection.createArrayOf("text", b));
            ps.executeUpdate();
        }
    }

    /** Replaces every row from the facts of the connection's current schema (rebuild). */
    public static void deriveAll(Connection connection, ZoneId zone) throws SQLException {
        String z = "'" + zone.getId().replace("'", "") + "'";
        try (Statement st = connection.createStatement()) {
            st.execute("truncate procedure_counter");
            st.execute("""
                    insert into procedure_counter (%s)
                    with n as (
                        select office_id o, procedure_code p, (received_at at time zone %s)::date d,
                               count(*) received, count(*) filter (where channel = 'ONLINE') online,
                               (array_agg(received_at order by received_at desc, dossier_id desc))[1] last_at,
                               (array_agg(dossier_id order by received_at desc, dossier_id desc))[1] last_id,
                               (array_agg(online_eligible order by received_at desc, dossier_id desc))[1] last_el,
                               (array_agg(fee order by received_at desc, dossier_id desc))[1] last_fee,
                               (array_agg(online_payment order by received_at desc, dossier_id desc))[1] last_op
                          from dossier_fact
                         where received_at is not null and cancelled_at is null and procedure_code is not null
                         group by 1, 2, 3),
                    pay as (
                        select f.office_id o, f.procedure_code p, (fp.paid_at at time zone %s)::date d, count(*) n
                          from fee_payment fp join dossier_fact f on f.dossier_id = fp.dossier_id
                         where fp.online and f.received_at is not null and f.cancelled_at is null
                           and f.procedure_code is not null
                         group by 1, 2, 3)
                    select coalesce(n.o, pay.o), coalesce(n.p, pay.p), 'D', coalesce(n.d, pay.d),
                           coalesce(n.received, 0), coalesce(n.online, 0), coalesce(pay.n, 0),
                           n.last_at, n.last_id, n.last_el, n.last_fee, n.last_op
                      from n full join pay on pay.o = n.o and pay.p = n.p and pay.d = n.d
                    """.formatted(COLUMNS, z, z));
            st.execute(MONTHS.formatted(COLUMNS, "select distinct office_id, procedure_code,"
                    + " date_trunc('month', bucket)::date from procedure_counter where grain = 'D'"));
            st.execute(years(MONTHS).formatted(COLUMNS, "select distinct office_id, procedure_code,"
                    + " date_trunc('year', bucket)::date from procedure_counter where grain = 'M'"));
            st.execute("analyze procedure_counter");
        }
    }
}
