package dev.ticketbooth.sessions;

/** {@link SingleUseTests} with the Redis store. */
@OnRedis
class SingleUseOnRedisTests extends SingleUseTests {
}
