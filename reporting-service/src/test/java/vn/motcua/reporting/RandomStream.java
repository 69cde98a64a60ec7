package vn.motcua.reporting;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import vn.motcua.events.ApologyLetterIssued;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierRated;
import vn.motcua.events.DossierWithdrawn;
import vn.motcua.events.FeePaid;
import vn.motcua.events.PetitionAnswered;
import vn.motcua.events.PetitionReceived;
import vn.motcua.events.PetitionRated;
import vn.motcua.events.Rating;
import vn.motcua.events.ResultReturned;
import vn.motcua.events.ReturnMethod;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.Outcome;
import vn.motcua.events.SupplementReceived;
import vn.motcua.events.SupplementRequested;
import vn.motcua.events.Timeliness;

/**
 * A random but plausible stream over an office tree (a province, its districts, their communes): receipts by
 * every channel, supplement requests and returns, resolutions early/on time/late, withdrawals, apology letters,
 * dossiers still open, and a few oddities real feeds have (a resolution stamped before its receipt, a second
 * receipt correcting the first). Used by the cross-check test and the benchmark.
 */
public final class RandomStream {
    public record Tree(String province, List<String> districts, List<String> communes, List<OfficeRegistered> events) {
        public List<String> all() {
            List<String> all = new ArrayList<>();
            all.add(province);
            all.addAll(districts);
            all.addAll(communes);
            return all;
        }
    }

    /** One dossier's events: the receipt first, then the workflow ones in the order they happened. */
    public record Dossier(String id, String officeId, List<MotcuaEvent> events) {
    }

    private RandomStream() {
    }

    public static Tree tree(String prefix, int districts, int communesPerDistrict) {
        List<OfficeRegistered> events = new ArrayList<>();
        Instant at = EventFeed.at("2018-01-01T08:00");
        String province = prefix;
        events.add(new OfficeRegistered(province, "UBND tỉnh " + prefix, OfficeLevel.PROVINCE, null, at));
        List<String> ds = new ArrayList<>();
        List<String> cs = new ArrayList<>();
        for (int d = 0; d < districts; d++) {
            String district = prefix + ".D" + d;
            ds.add(district);
            events.add(new OfficeRegistered(district, "UBND huyện " + d, OfficeLevel.DISTRICT, province, at));
            for (int c = 0; c < communesPerDistrict; c++) {
                String commune = district + ".C" + c;
                cs.add(commune);
                events.add(new OfficeRegistered(commune, "UBND xã " + d + "." + c, OfficeLevel.COMMUNE, district,
                        at));
            }
        }
        return new Tree(province, ds, cs, events);
    }

    /** Communes receive most dossiers, districts some, the province few (as in the seeds). */
    public static String office(Tree tree, Random random) {
        int r = random.nextInt(100);
        if (r < 2) {
            return tree.province();
        }
        if (r < 20) {
            return tree.districts().get(random.nextInt(tree.districts().size()));
        }
        return tree.communes().get(random.nextInt(tree.communes().size()));
    }

    public static Dossier dossier(String id, String office, LocalDate firstDay, int days, Random random) {
        List<MotcuaEvent> events = new ArrayList<>();
        Instant received = firstDay.plusDays(random.nextInt(days)).atStartOfDay(EventFeed.VN).toInstant()
                .plusSeconds(7 * 3600 + random.nextInt(10 * 3600));
        int processingDays = 1 + random.nextInt(15);
        Instant due = received.plus(Duration.ofDays(processingDays));
        boolean eligible = random.nextInt(10) < 4;
        Channel channel = switch (random.nextInt(10)) {
            case 0, 1, 2 -> eligible ? Channel.ONLINE : Channel.IN_PERSON;
            case 3 -> Channel.POSTAL;
            default -> Channel.IN_PERSON;
        };
        String procedure = eligible ? "1.00" + random.nextInt(5) : "2.00" + random.nextInt(5);
        // Contract 1.1: document counts, fee and online payment (the fee is the procedure's: same code, same fee).
        int documents = random.nextInt(5);
        int digitised = random.nextInt(3) == 0 ? random.nextInt(documents + 1) : documents;
        int reused = documents == 0 ? 0 : random.nextInt(3) == 0 ? 1 : 0;
        long fee = procedure.endsWith("1") || procedure.endsWith("2") ? 50_000 : 0;
        boolean onlinePayment = fee > 0 && !procedure.endsWith("2");
        DossierReceived receipt = new DossierReceived(id, id, office, procedure, eligible ? "Đất đai" : "Hộ tịch",
                channel, eligible, BigDecimal.valueOf(processingDays), received, due, null, 0, documents, digitised,
                reused, fee, onlinePayment, null);
        events.add(receipt);
        if (random.nextInt(10) == 0) { // a correction: revision 1 (other channel, documents and fee)
            events.add(new DossierReceived(id, id, office, procedure, receipt.field(), Channel.IN_PERSON, eligible,
                    receipt.processingDays(), received, due, null, 1, documents + 1, documents + 1, 0,
                    fee == 0 ? 20_000 : 0, fee == 0, null));
        }
        if (fee > 0 && random.nextInt(10) < 6) {
            events.add(new FeePaid(id, office, fee, random.nextBoolean(),
                    received.plus(Duration.ofHours(random.nextInt(48)))));
        }
        Instant now = received;
        int supplements = random.nextInt(10) < 2 ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < supplements; i++) {
            now = now.plus(Duration.ofHours(1 + random.nextInt(24 * 5)));
            events.add(new SupplementRequested(id, office, "missing document", now));
            if (random.nextInt(4) == 0) {
                break; // still waiting for the applicant
            }
            now = now.plus(Duration.ofHours(1 + random.nextInt(24 * 10)));
            due = now.plus(Duration.ofDays(processingDays));
            events.add(new SupplementReceived(id, office, now, due));
        }
        if (random.nextInt(10) < 2) {
            Instant issued = now.plus(Duration.ofHours(random.nextInt(24 * 12)));
            events.add(new ApologyLetterIssued(id, office, 1, "verification", "Phòng TN-MT",
                    issued.plus(Duration.ofDays(5)), issued, random.nextBoolean()));
        }
        int fate = random.nextInt(100);
        if (fate < 80) {
            Instant resolvedAt = now.plus(Duration.ofHours(1 + random.nextInt(24 * processingDays * 2)));
            if (fate == 0) {
                resolvedAt = received.minus(Duration.ofHours(3)); // a clock that runs behind
            }
            Timeliness t = resolvedAt.isAfter(due) ? Timeliness.LATE
                    : resolvedAt.isBefore(due.minus(Duration.ofDays(1))) ? Timeliness.EARLY : Timeliness.ON_TIME;
            Outcome outcome = random.nextInt(10) == 0 ? Outcome.REFUSED : Outcome.APPROVED;
            events.add(new DossierResolved(id, office, outcome, outcome == Outcome.REFUSED ? "not eligible" : null, t,
                    due, resolvedAt));
            if (random.nextInt(10) < 7) {
                Instant returned = resolvedAt.plus(Duration.ofHours(random.nextInt(24 * 4)));
                events.add(new ResultReturned(id, office, ReturnMethod.IN_PERSON, returned, random.nextBoolean()));
                if (random.nextBoolean()) {
                    events.add(new DossierRated(id, office, Rating.values()[random.nextInt(3)],
                            returned.plus(Duration.ofHours(1 + random.nextInt(24)))));
                }
            }
        } else if (fate < 85) {
            events.add(new DossierWithdrawn(id, office, "applicant's request",
                    now.plus(Duration.ofHours(1 + random.nextInt(24 * 10)))));
        }
        if (random.nextInt(30) == 0) { // a receipt made in error: leaves every figure
            events.add(new DossierCancelled(id, office, "received in error",
                    received.plus(Duration.ofHours(1 + random.nextInt(48)))));
        }
        return new Dossier(id, office, events);
    }

    /** One petition's events: received, maybe answered (on time or late), maybe rated. */
    public static List<MotcuaEvent> petition(String id, String office, LocalDate firstDay, int days, Random random) {
        List<MotcuaEvent> events = new ArrayList<>();
        Instant received = firstDay.plusDays(random.nextInt(days)).atStartOfDay(EventFeed.VN).toInstant()
                .plusSeconds(8 * 3600 + random.nextInt(8 * 3600));
        Instant due = received.plus(Duration.ofDays(21));
        events.add(new PetitionReceived(id, office, "thái độ phục vụ", received, due));
        if (random.nextInt(10) < 8) {
            Instant answered = received.plus(Duration.ofHours(1 + random.nextInt(24 * 30)));
            events.add(new PetitionAnswered(id, office, answered, due, !answered.isAfter(due)));
            if (random.nextBoolean()) {
                events.add(new PetitionRated(id, office, Rating.values()[random.nextInt(3)],
                        answered.plus(Duration.ofDays(1))));
            }
        }
        return events;
    }
}
