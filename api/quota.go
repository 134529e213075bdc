package api

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/axl-market/axl/market"
)

// kindInsufficientStorage is an upload the disk has no room for (507).
const kindInsufficientStorage market.Kind = "insufficient-storage"

// limitUpload admits an upload before any byte of its body is read or
// stored: the disk must keep Limits.DiskFloor free after it and every
// upload in flight, the signer's UploadBytes bucket must hold its size,
// and what the signer stores that no intent uses must stay within
// StoredBytes. The size is the Content-Length, or the largest upload.
func (s *Server) limitUpload(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		owner := signer(r)
		size := r.ContentLength
		if size < 0 || size > s.cfg.MaxArtifactSize {
			size = s.cfg.MaxArtifactSize
		}
		release, l, err := s.admitUpload(r.Context(), owner, size)
		if l != nil {
			s.refuse(w, r, l)
			return
		}
		if err != nil {
			w.Header().Set("Connection", "close")
			s.problem(w, r, err)
			return
		}
		defer release()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) admitUpload(ctx context.Context, owner market.Address, size int64) (func(), *limited, error) {
	l := s.limits
	l.mu.Lock()
	inflight, mine := l.uploadingAll, l.uploading[owner]
	l.uploadingAll += size
	l.uploading[owner] += size
	l.mu.Unlock()
	release := func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.uploadingAll -= size
		if l.uploading[owner] -= size; l.uploading[owner] <= 0 {
			delete(l.uploading, owner)
		}
	}
	refuse := func(lim *limited, err error) (func(), *limited, error) {
		release()
		return nil, lim, err
	}
	if s.blobs != nil && l.cfg.DiskFloor > 0 {
		d, err := s.blobs.Disk()
		if err != nil {
			return refuse(nil, &market.Error{Kind: market.KindInternal, Message: "the artifact store's disk cannot be read", Err: err})
		}
		if d.Free-inflight-size < l.cfg.DiskFloor {
			return refuse(nil, market.Errorf(kindInsufficientStorage, "the server's disk is nearly full (%d bytes free, %d being received, %d kept free): no upload is taken now",
				d.Free, inflight, l.cfg.DiskFloor))
		}
	}
	now := s.clock.Now()
	if ok, wait, left := l.upload.take(owner.String(), min(size, max(l.cfg.UploadBytes.N, 1)), now); !ok {
		return refuse(l.upload.refusal("upload bytes of "+owner.String(), wait, left), nil)
	}
	if l.cfg.StoredBytes > 0 && s.pruner != nil {
		stored, err := s.pruner.StoredBytes(ctx, owner, now)
		if err != nil {
			return refuse(nil, err)
		}
		if used := stored + mine + size; used > l.cfg.StoredBytes {
			window := s.retention.Artifacts
			secs := int64(window / time.Second)
			return refuse(&limited{
				err: market.Errorf(kindRateLimited, "%s stores %d bytes that no intent uses (%d being received); with these %d it would pass its quota of %d: uploads no intent uses are removed after %s",
					owner, stored, mine, size, l.cfg.StoredBytes, window),
				policy: fmt.Sprintf(`"stored";q=%d;qu="content-bytes";w=%d`, l.cfg.StoredBytes, secs),
				state:  fmt.Sprintf(`"stored";r=%d;t=%d`, max(l.cfg.StoredBytes-stored-mine, 0), secs),
				retry:  window,
			}, nil)
		}
	}
	return release, nil, nil
}

// usage reports the disk and database use at each scrape, and the
// limiter's state.
type usage struct{ s *Server }

var (
	diskFreeDesc      = prometheus.NewDesc("axl_disk_free_bytes", "Free bytes of the artifacts' file system (uploads stop at the floor).", nil, nil)
	diskTotalDesc     = prometheus.NewDesc("axl_disk_total_bytes", "Size of the artifacts' file system.", nil, nil)
	diskFloorDesc     = prometheus.NewDesc("axl_disk_floor_bytes", "Free bytes below which uploads are refused.", nil, nil)
	artifactBytesDesc = prometheus.NewDesc("axl_artifact_bytes", "Bytes of stored artifacts (each distinct artifact once).", nil, nil)
	databaseBytesDesc = prometheus.NewDesc("axl_database_bytes", "Size of the database.", nil, nil)
	streamsDesc       = prometheus.NewDesc("axl_event_streams_open", "Open event streams.", nil, nil)
	limiterKeysDesc   = prometheus.NewDesc("axl_rate_limit_keys", "Token buckets kept, by limit.", []string{"limit"}, nil)
)

func (u usage) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{diskFreeDesc, diskTotalDesc, diskFloorDesc, artifactBytesDesc, databaseBytesDesc, streamsDesc, limiterKeysDesc} {
		ch <- d
	}
}

func (u usage) Collect(ch chan<- prometheus.Metric) {
	s := u.s
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	if s.blobs != nil {
		if d, err := s.blobs.Disk(); err != nil {
			ch <- prometheus.NewInvalidMetric(diskFreeDesc, err)
		} else {
			gauge(diskFreeDesc, float64(d.Free))
			gauge(diskTotalDesc, float64(d.Total))
		}
	}
	gauge(diskFloorDesc, float64(s.limits.cfg.DiskFloor))
	if s.pruner != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if us, err := s.pruner.Usage(ctx); err != nil {
			ch <- prometheus.NewInvalidMetric(artifactBytesDesc, err)
		} else {
			gauge(artifactBytesDesc, float64(us.ArtifactBytes))
			gauge(databaseBytesDesc, float64(us.DatabaseBytes))
		}
	}
	gauge(streamsDesc, float64(s.limits.open()))
	for _, b := range []*buckets{s.limits.ip, s.limits.addr, s.limits.claims, s.limits.ipClaims, s.limits.upload} {
		gauge(limiterKeysDesc, float64(b.len()), b.name)
	}
}
