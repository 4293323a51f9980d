import { describe, expect, it } from 'vitest';
import { histogramQuantile, parsePrometheusText } from '../runtime/prometheus-text.js';

const TEXT = `# HELP x_seconds A histogram
# TYPE x_seconds histogram
x_seconds_bucket{le="0.1",op="a"} 10
x_seconds_bucket{le="0.5",op="a"} 30
x_seconds_bucket{le="1",op="a"} 40
x_seconds_bucket{le="+Inf",op="a"} 40
x_seconds_sum{op="a"} 9
x_seconds_count{op="a"} 40
x_seconds_bucket{le="0.1",op="b"} 0
x_seconds_bucket{le="0.5",op="b"} 0
x_seconds_bucket{le="1",op="b"} 0
x_seconds_bucket{le="+Inf",op="b"} 0
# TYPE y_total counter
y_total{code="A \\"quoted\\" one"} 3
y_total{code="B"} 4 1700000000000
`;

describe('Prometheus text', () => {
  it('parses samples with labels, escapes and timestamps, and sums them by label', () => {
    const scrape = parsePrometheusText(TEXT);
    expect(scrape.types.get('x_seconds')).toBe('histogram');
    expect(scrape.of('y_total').map((sample) => sample.labels.code)).toEqual(['A "quoted" one', 'B']);
    expect(scrape.sum('y_total')).toBe(7);
    expect(scrape.sum('x_seconds_count', { op: 'a' })).toBe(40);
    expect(() => parsePrometheusText('not a sample line')).toThrow(/Not a Prometheus sample/);
  });

  it('interpolates quantiles within buckets as histogram_quantile does, and has none without observations', () => {
    const scrape = parsePrometheusText(TEXT);
    expect(histogramQuantile(scrape, 'x_seconds', 0.25, { op: 'a' })).toBeCloseTo(0.1); // rank 10: the first bucket's bound
    expect(histogramQuantile(scrape, 'x_seconds', 0.5, { op: 'a' })).toBeCloseTo(0.3); // rank 20: halfway through (0.1, 0.5]
    expect(histogramQuantile(scrape, 'x_seconds', 0.95, { op: 'a' })).toBeCloseTo(0.9); // rank 38: 8/10 of (0.5, 1]
    expect(histogramQuantile(scrape, 'x_seconds', 0.5, { op: 'b' })).toBeNull();
  });
});
