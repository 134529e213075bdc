package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/axl-market/axl/market"
)

type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics(reg *prometheus.Registry, store market.Store, extra []prometheus.Collector) *metrics {
	m := &metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "axl_http_requests_total", Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "axl_http_request_duration_seconds", Help: "HTTP request latency by route pattern and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}, []string{"route", "method"}),
	}
	reg.MustRegister(m.requests, m.latency, intentStates{store})
	for _, c := range extra {
		reg.MustRegister(c)
	}
	return m
}

// serveMetrics godoc
//
//	@Summary	Prometheus metrics: requests and latencies by route, intents by state, database pool
//	@Tags		operations
//	@Produce	plain
//	@Success	200	{string}	string	"Prometheus text exposition"
//	@Router		/metrics [get]
func (m *metrics) serveMetrics(w http.ResponseWriter, r *http.Request) { m.handler().ServeHTTP(w, r) }

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach Flush through the recorder.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Flush forwards to the underlying writer (for SSE).
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// middleware counts requests by route pattern (not raw path, which would
// make a label per id).
func (m *metrics) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		route := chi.RouteContext(r.Context()).RoutePattern()
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, r.Method, strconv.Itoa(rec.status)).Inc()
		m.latency.WithLabelValues(route, r.Method).Observe(time.Since(start).Seconds())
	})
}

// intentStates reports the number of intents per state at each scrape.
type intentStates struct{ store market.Store }

var intentsDesc = prometheus.NewDesc("axl_intents", "Intents by state.", []string{"state"}, nil)

func (c intentStates) Describe(ch chan<- *prometheus.Desc) { ch <- intentsDesc }

func (c intentStates) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := c.store.CountIntentsByState(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(intentsDesc, err)
		return
	}
	for _, st := range market.IntentStates {
		ch <- prometheus.MustNewConstMetric(intentsDesc, prometheus.GaugeValue, float64(counts[st]), string(st))
	}
}
