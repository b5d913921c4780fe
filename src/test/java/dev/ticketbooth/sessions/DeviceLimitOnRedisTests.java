package dev.ticketbooth.sessions;

/** {@link DeviceLimitTests} with the Redis store. */
@OnRedis
class DeviceLimitOnRedisTests extends DeviceLimitTests {
}
