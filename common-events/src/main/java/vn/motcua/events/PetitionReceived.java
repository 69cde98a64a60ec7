package vn.motcua.events;

import java.time.Instant;

/** A petition about an office was received; due 15 working days later on the office's calendar. */
public record PetitionReceived(String petitionId, String officeId, String category, Instant receivedAt,
                               Instant dueAt) implements PetitionEvent {
    @Override
    public Instant occurredAt() {
        return receivedAt;
    }
}
