package dev.ticketbooth.sessions;

/** {@link RevocationTests} with the Redis store. */
@OnRedis
class RevocationOnRedisTests extends RevocationTests {
}
