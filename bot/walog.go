package bot

import (
	"context"
	"fmt"
	"log/slog"

	waLog "go.mau.fi/whatsmeow/util/log"
)

// waLogger hands whatsmeow's log lines to slog, under a "module" attribute. whatsmeow
// logs a great deal at debug level (every stanza), which slog's level filters.
type waLogger struct {
	log    *slog.Logger
	module string
}

// WhatsAppLog adapts log for whatsmeow's logger interface.
func WhatsAppLog(log *slog.Logger, module string) waLog.Logger {
	return &waLogger{log: log, module: module}
}

func (w *waLogger) emit(level slog.Level, msg string, args []any) {
	if !w.log.Enabled(context.Background(), level) {
		return
	}
	w.log.Log(context.Background(), level, fmt.Sprintf(msg, args...), "module", w.module)
}

func (w *waLogger) Errorf(msg string, args ...any) { w.emit(slog.LevelError, msg, args) }
func (w *waLogger) Warnf(msg string, args ...any)  { w.emit(slog.LevelWarn, msg, args) }
func (w *waLogger) Infof(msg string, args ...any)  { w.emit(slog.LevelInfo, msg, args) }
func (w *waLogger) Debugf(msg string, args ...any) { w.emit(slog.LevelDebug, msg, args) }

func (w *waLogger) Sub(module string) waLog.Logger {
	return &waLogger{log: w.log, module: w.module + "/" + module}
}
