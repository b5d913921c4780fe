package dev.ticketbooth.sessions;

/** {@link StreamLimitTests} with the Redis store. */
@OnRedis
class StreamLimitOnRedisTests extends StreamLimitTests {
}
