package dev.livestorejvm.sqlite;

/**
 * A user-defined aggregate ({@link Database#createAggregate}): each group starts from
 * {@link #start()}, folds its rows with {@link #step}, and ends with {@link #finish}. Values and
 * errors as for {@link ScalarFunction}.
 *
 * @param <S> the state of one group
 */
public interface AggregateFunction<S> {
    /** The state of a new group (also of an empty input, for aggregates without GROUP BY). */
    S start();

    /** The state after one more row. */
    S step(S state, Object[] args) throws Exception;

    /** The group's result. */
    Object finish(S state) throws Exception;
}
