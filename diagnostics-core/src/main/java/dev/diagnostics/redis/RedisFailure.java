package dev.diagnostics.redis;

/** Why talking to Redis failed, each with its stable diagnosis code. */
public enum RedisFailure {

    /** Nothing listens at the address. */
    CONNECTION_REFUSED("redis.connection-refused"),

    /** The host name does not resolve. */
    UNKNOWN_HOST("redis.unknown-host"),

    /** No answer within the deadline. */
    TIMEOUT("redis.timeout"),

    /** NOAUTH or WRONGPASS: missing or wrong credentials. */
    AUTHENTICATION_FAILED("redis.authentication-failed"),

    /** LOADING: the server is loading its dataset into memory. */
    LOADING("redis.loading"),

    /** MISCONF: background saves fail and the server refuses writes. */
    PERSISTENCE_FAILING("redis.persistence-failing"),

    /** OOM: maxmemory reached under a policy that evicts nothing. */
    OOM("redis.oom"),

    /** READONLY: a write reached a replica. */
    READONLY("redis.readonly"),

    /** The connection was closed or reset, or lettuce is reconnecting. */
    CONNECTION_LOST("redis.connection-lost"),

    /** Anything else. */
    OTHER("redis.error");

    private final String code;

    RedisFailure(String code) {
        this.code = code;
    }

    /** The diagnosis code, such as {@code redis.timeout}. */
    public String code() {
        return this.code;
    }
}
