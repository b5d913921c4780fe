package dev.ticketbooth.sessions;

/** {@link DecisionSessionTests} with the Redis store. */
@OnRedis
class DecisionSessionOnRedisTests extends DecisionSessionTests {
}
