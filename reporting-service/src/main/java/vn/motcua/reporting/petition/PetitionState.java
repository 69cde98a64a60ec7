package vn.motcua.reporting.petition;

import java.time.Instant;
import vn.motcua.events.PetitionAnswered;
import vn.motcua.events.PetitionEvent;
import vn.motcua.events.PetitionRated;
import vn.motcua.events.PetitionReceived;

/**
 * One petition's {@code petition_fact} row. Each event sets only its own columns and the earliest answer or
 * rating stands, so the state does not depend on the order the events arrive in.
 */
final class PetitionState {
    static final String COLUMNS = "petition_id, office_id, received_at, due_at, answered_at, on_time, rating, rated_at";

    final String petitionId;
    String officeId;
    Instant receivedAt;
    Instant dueAt;
    Instant answeredAt;
    Boolean onTime;
    String rating;
    Instant ratedAt;

    PetitionState(String petitionId) {
        this.petitionId = petitionId;
    }

    PetitionState copy() {
        PetitionState c = new PetitionState(petitionId);
        c.officeId = officeId;
        c.receivedAt = receivedAt;
        c.dueAt = dueAt;
        c.answeredAt = answeredAt;
        c.onTime = onTime;
        c.rating = rating;
        c.ratedAt = ratedAt;
        return c;
    }

    void apply(PetitionEvent event, Instant time) {
        if (officeId == null) {
            officeId = event.officeId();
        }
        if (event instanceof PetitionReceived r) {
            officeId = r.officeId();
            receivedAt = r.receivedAt() != null ? r.receivedAt() : time;
            dueAt = r.dueAt();
        } else if (event instanceof PetitionAnswered a) {
            Instant at = a.answeredAt() != null ? a.answeredAt() : time;
            if (answeredAt == null || at.isBefore(answeredAt)) {
                answeredAt = at;
                onTime = a.onTime();
            }
        } else if (event instanceof PetitionRated r) {
            Instant at = r.ratedAt() != null ? r.ratedAt() : time;
            String value = r.rating() == null ? null : r.rating().name();
            if (ratedAt == null || at.isBefore(ratedAt)
                    || at.equals(ratedAt) && value != null && (rating == null || value.compareTo(rating) < 0)) {
                ratedAt = at;
                rating = value;
            }
        }
    }

    /** Adds (+1) or removes (-1) what the petition contributes to the counters; unreceived: nothing. */
    void contribute(PetitionDeltas deltas, int sign) {
        if (receivedAt == null || officeId == null) {
            return;
        }
        boolean dissatisfied = "DISSATISFIED".equals(rating);
        deltas.add(officeId, receivedAt, PetitionCounter.RECEIVED, sign);
        if (dissatisfied) {
            deltas.add(officeId, receivedAt, PetitionCounter.DISSAT_RECEIVED, sign);
        }
        Instant answered = answeredAt == null ? null : answeredAt.isBefore(receivedAt) ? receivedAt : answeredAt;
        boolean late = answered != null && !Boolean.TRUE.equals(onTime);
        if (answered != null) {
            deltas.add(officeId, answered, PetitionCounter.ANSWERED, sign);
            if (!late) {
                deltas.add(officeId, answered, PetitionCounter.ANSWERED_ON_TIME, sign);
            }
            if (dissatisfied) {
                deltas.add(officeId, answered, PetitionCounter.DISSAT_ANSWERED, sign);
                if (late) {
                    deltas.add(officeId, answered, PetitionCounter.DISSAT_ANSWERED_LATE, sign);
                }
            }
        }
        if (dueAt != null) {
            Instant from = dueAt.isAfter(receivedAt) ? dueAt : receivedAt;
            if (answered == null || from.isBefore(answered)) {
                deltas.add(officeId, from, PetitionCounter.OVERDUE_START, sign);
                if (dissatisfied) {
                    deltas.add(officeId, from, PetitionCounter.DISSAT_OVERDUE_START, sign);
                }
                if (answered != null) {
                    deltas.add(officeId, answered, PetitionCounter.OVERDUE_END, sign);
                    if (dissatisfied) {
                        deltas.add(officeId, answered, PetitionCounter.DISSAT_OVERDUE_END, sign);
                    }
                }
            }
        }
    }
}
