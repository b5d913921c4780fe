package dev.ticketbooth.entitlements;

/** Published after anything that can change a may-watch answer: grants, roles, catalog membership, users. */
public record EntitlementsChanged(String what) {
}
