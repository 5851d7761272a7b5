package org.caretaker.store;

import java.time.Instant;

/** One value of one metric at one time. */
public record MetricPoint(Instant at, double value) {
}
