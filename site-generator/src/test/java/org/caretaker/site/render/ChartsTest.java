package org.caretaker.site.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.site.snapshot.Level;
import org.caretaker.site.snapshot.StatusSnapshot.HistorySeries;
import org.caretaker.site.snapshot.StatusSnapshot.Point;
import org.junit.jupiter.api.Test;

/** Chart coordinates, exactly: the plot spans x 40–590 and y 180 (lowest value) to 10 (highest). */
class ChartsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T06:30:00Z");

    private static HistorySeries series(Point... points) {
        return new HistorySeries("disk-usage", "nas", "/srv", "used_pct", List.of(points));
    }

    @Test
    void threePoints_spanThePlot_byTimeAndByValue() {
        Views.Chart c = Charts.of(series(new Point(T0, 10, Level.OK), new Point(T0.plusSeconds(3600), 20, Level.WARN),
                new Point(T0.plusSeconds(7200), 15, Level.OK)));

        assertThat(c).isEqualTo(new Views.Chart("nas · /srv · used_pct", 600, 200, "40,180 315,10 590,95", List.of(
                new Views.Dot("40", "180", Level.OK, "2026-12-01 06:30 UTC: 10"),
                new Views.Dot("315", "10", Level.WARN, "2026-12-01 07:30 UTC: 20"),
                new Views.Dot("590", "95", Level.OK, "2026-12-01 08:30 UTC: 15")), "10", "20", "12-01 06:30", "12-01 08:30"));
    }

    @Test
    void aSinglePoint_sitsInTheMiddleAtTheBottom_andAFlatLineDoesNotDivideByZero() {
        Views.Chart one = Charts.of(series(new Point(T0, 42.5, Level.OK)));

        assertThat(one.points()).isEqualTo("315,180");
        assertThat(one.min()).isEqualTo("42.5");
        assertThat(one.max()).isEqualTo("43.5");
        assertThat(Charts.of(series(new Point(T0, 7, Level.OK), new Point(T0.plusSeconds(60), 7, Level.OK))).points())
                .isEqualTo("40,180 590,180");
    }

    @Test
    void noPoints_giveAnEmptyChartWithItsTitle() {
        assertThat(Charts.of(series())).isEqualTo(new Views.Chart("nas · /srv · used_pct", 600, 200, "", List.of(), "", "", "", ""));
    }

    @Test
    void aLongSeries_showsItsNewest240Points() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            points.add(new Point(T0.plusSeconds(60L * i), i, Level.OK));
        }

        Views.Chart c = Charts.of(series(points.toArray(Point[]::new)));

        assertThat(c.dots()).hasSize(240);
        assertThat(c.min()).isEqualTo("60");
        assertThat(c.max()).isEqualTo("299");
        assertThat(c.from()).isEqualTo("12-01 07:30");
    }

    @Test
    void numbers_haveOneDecimalAtMost_andNothingThatIsNotANumber() {
        assertThat(Charts.num(12.0)).isEqualTo("12");
        assertThat(Charts.num(12.34)).isEqualTo("12.3");
        assertThat(Charts.num(Double.NaN)).isEqualTo("0");
        assertThat(Charts.num(Double.POSITIVE_INFINITY)).isEqualTo("0");
    }
}
