package main

import (
	"bytes"
	"context"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waAdv"
	"go.mau.fi/whatsmeow/types"
	"golang.org/x/sync/errgroup"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestDeviceStoreOnAFreshDatabase: whatsmeow's tables are created in Loket's own
// database (and schema) at the first start, and upgrading again changes nothing;
// with no device paired yet there is a fresh one to pair.
func TestDeviceStoreOnAFreshDatabase(t *testing.T) {
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	ctx := context.Background()
	err := withApp(ctx, func(a *app) error {
		// Three processes starting at once on the fresh database: each upgrade
		// waits for the one before (without the lock, one failed with "type
		// whatsmeow_version already exists").
		var starts errgroup.Group
		for range 3 {
			starts.Go(func() error { _, err := a.whatsAppDevices(ctx); return err })
		}
		if err := starts.Wait(); err != nil {
			return err
		}
		for range 2 {
			devices, err := a.whatsAppDevices(ctx)
			if err != nil {
				return err
			}
			device, err := devices.GetFirstDevice(ctx)
			if err != nil {
				return err
			}
			if device.ID != nil {
				t.Fatalf("a fresh database has a paired device %v", device.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := env.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name IN ('whatsmeow_device', 'whatsmeow_sessions', 'whatsmeow_lid_map', 'whatsmeow_event_buffer')`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Fatalf("%d of whatsmeow's tables in the test's schema, want 4", n)
	}
}

// TestRunWithoutNetwork: `loket run` where WhatsApp cannot be reached (its connection
// goes through a proxy that refuses) stays up: it tries again with growing waits,
// says so once per attempt, answers /healthz but not /readyz, shows why on the
// status page, and stops cleanly when told.
func TestRunWithoutNetwork(t *testing.T) {
	env := storetest.New(t)
	addr := freeAddr(t)
	logPath := filepath.Join(t.TempDir(), "run.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), botChildEnv+"=run", "LOKET_DATABASE_URL="+env.DatabaseURL, "LOKET_REDIS_PREFIX="+env.Prefix,
		"LOKET_HTTP_ADDR="+addr, "LOKET_RECONNECT_MAX=1s", "HTTPS_PROXY=http://127.0.0.1:9", "https_proxy=http://127.0.0.1:9")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		_ = cmd.Process.Kill()
		if t.Failed() {
			data, _ := os.ReadFile(logPath)
			t.Logf("log:\n%s", data)
		}
	}()
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if code, _ := get("/healthz"); code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("/healthz never answered")
		}
	}
	time.Sleep(5 * time.Second) // attempts after 2 s, 1 s, 1 s …
	select {
	case err := <-exited:
		t.Fatalf("loket run ended without network: %v", err)
	default:
	}
	if code, body := get("/readyz"); code != 503 || !strings.Contains(body, "WhatsApp not connected (waiting for pairing)") {
		t.Fatalf("/readyz: %d %q", code, body)
	}
	if code, body := get("/"); code != 200 || !strings.Contains(body, "menunggu penautan") || !strings.Contains(body, "Kesalahan terakhir") ||
		!strings.Contains(body, "belum ditautkan") {
		t.Fatalf("status page: %d\n%s", code, body)
	}
	// The container's health check: loket health asks the bot on loopback.
	_, port, _ := net.SplitHostPort(addr)
	t.Setenv("LOKET_HTTP_ADDR", "0.0.0.0:"+port)
	var probe bytes.Buffer
	if err := probeHealth(context.Background(), nil, &probe); err != nil || probe.String() != "ok\n" {
		t.Fatalf("loket health: %v %q", err, probe.String())
	}
	if err := probeHealth(context.Background(), []string{"--ready"}, io.Discard); err == nil || !strings.Contains(err.Error(), "503 WhatsApp not connected") {
		t.Fatalf("loket health --ready: %v", err)
	}
	if code, _ := get("/qr.png"); code != 404 {
		t.Fatalf("/qr.png with no code: %d", code)
	}
	data, _ := os.ReadFile(logPath)
	attempts := strings.Count(string(data), "connecting to WhatsApp to pair failed; trying again")
	if attempts < 3 || attempts > 8 {
		t.Fatalf("%d attempts logged in about 5 s, want one per attempt (3 to 8)", attempts)
	}
	if strings.Contains(string(data), "panic") {
		t.Fatal("the log shows a panic")
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("stopped with %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("loket run did not stop on SIGTERM")
	}
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestStatusPageShowsTheQRCode: while pairing, the page shows the code as an image
// that a phone can scan; once paired it shows the bot's number and no code.
func TestStatusPageShowsTheQRCode(t *testing.T) {
	env := storetest.New(t)
	status := bot.Status{State: bot.StatePairing, Since: time.Now(), QR: "2@Zm9vYmFyYmF6cXV4,Y29kZQ==,a2V5,aWQ="}
	a := &app{db: env.DB}
	mux := http.NewServeMux()
	a.statusPage(mux, func() bot.Status { return status })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/qr.png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(resp.Body)
	resp.Body.Close()
	if err != nil || img.Bounds().Dx() < 21 {
		t.Fatalf("/qr.png is no QR image: %v", err)
	}
	page := func() string {
		resp, err := http.Get(srv.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		return b.String()
	}
	if p := page(); !strings.Contains(p, `<img src="/qr.png`) || !strings.Contains(p, "menunggu penautan") || !strings.Contains(p, "Pesan masuk</dt><dd>kosong") {
		t.Fatalf("pairing page:\n%s", p)
	}
	if p := page(); !strings.Contains(p, "Belum ada <strong>admin</strong>") || !strings.Contains(p, "Belum ada <strong>pimpinan</strong>") {
		t.Fatalf("no warning that nobody holds admin and pimpinan:\n%s", p)
	}
	ctx := context.Background()
	if err := env.DB.AddStaff(ctx, "+6281100000001", loket.RoleAdmin, "Rina", nil, nil); err != nil {
		t.Fatal(err)
	}
	if p := page(); strings.Contains(p, "<strong>admin</strong>") || !strings.Contains(p, "<strong>pimpinan</strong>") {
		t.Fatalf("the warnings do not follow the staff added since:\n%s", p)
	}
	lock, err := env.DB.TryLockConnection(ctx)
	if err != nil || lock == nil {
		t.Fatalf("connection lock: %v", err)
	}
	status = bot.Status{State: bot.StateStandingBy, Since: time.Now()}
	if p := page(); !strings.Contains(p, "siaga") || !strings.Contains(p, "Tersambung sekarang: loket@") {
		t.Fatalf("standby page does not name the connected process:\n%s", p)
	}
	lock.Release()
	status = bot.Status{State: bot.StateConnected, Since: time.Now(), Paired: "+6281100000099"}
	if p := page(); strings.Contains(p, "<img") || !strings.Contains(p, "6281100000099") || !strings.Contains(p, "tersambung") {
		t.Fatalf("connected page:\n%s", p)
	}
}

// TestPairWhenAlreadyPaired: `loket pair --phone` on a database whose device is
// linked already says so and how to link another number, instead of running as if
// it had paired.
func TestPairWhenAlreadyPaired(t *testing.T) {
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	ctx := context.Background()
	err := withApp(ctx, func(a *app) error {
		devices, err := a.whatsAppDevices(ctx)
		if err != nil {
			return err
		}
		device := devices.NewDevice()
		device.ID = &types.JID{User: "6281100000099", Device: 12, Server: types.DefaultUserServer}
		device.Account = &waAdv.ADVSignedDeviceIdentity{Details: []byte{1}, AccountSignature: make([]byte, 64), AccountSignatureKey: make([]byte, 32), DeviceSignature: make([]byte, 64)}
		return devices.PutDevice(ctx, device)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = run(ctx, []string{"pair", "--phone", "6281100000099"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "already paired, as +6281100000099") || !strings.Contains(err.Error(), "Linked devices") {
		t.Fatalf("pair on a paired database: %v", err)
	}
}
