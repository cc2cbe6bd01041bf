package bot

import (
	"context"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
)

// The Runtime is the bot's Client: each call goes to the connection of the moment.

// SendMessage sends through the current connection.
func (r *Runtime) SendMessage(ctx context.Context, to types.JID, m *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error) {
	cli := r.current()
	if cli == nil {
		return whatsmeow.SendResponse{}, ErrNotConnected
	}
	return cli.SendMessage(ctx, to, m, extra...)
}

// Upload uploads through the current connection.
func (r *Runtime) Upload(ctx context.Context, data []byte, media whatsmeow.MediaType) (whatsmeow.UploadResponse, error) {
	cli := r.current()
	if cli == nil {
		return whatsmeow.UploadResponse{}, ErrNotConnected
	}
	return cli.Upload(ctx, data, media)
}

// DownloadToFile downloads through the current connection.
func (r *Runtime) DownloadToFile(ctx context.Context, m whatsmeow.DownloadableMessage, f whatsmeow.File) error {
	cli := r.current()
	if cli == nil {
		return ErrNotConnected
	}
	return cli.DownloadToFile(ctx, m, f)
}

// MarkRead sends read receipts through the current connection.
func (r *Runtime) MarkRead(ctx context.Context, ids []types.MessageID, ts time.Time, chat, sender types.JID, extra ...types.ReceiptType) error {
	cli := r.current()
	if cli == nil {
		return ErrNotConnected
	}
	return cli.MarkRead(ctx, ids, ts, chat, sender, extra...)
}

// SendChatPresence shows "typing…" through the current connection.
func (r *Runtime) SendChatPresence(ctx context.Context, jid types.JID, state types.ChatPresence, media types.ChatPresenceMedia) error {
	cli := r.current()
	if cli == nil {
		return ErrNotConnected
	}
	return cli.SendChatPresence(ctx, jid, state, media)
}

// IsConnected reports whether a connection is up and logged in.
func (r *Runtime) IsConnected() bool {
	cli := r.current()
	return cli != nil && cli.IsConnected() && cli.IsLoggedIn()
}

// IsLoggedIn reports whether the current device is paired and logged in.
func (r *Runtime) IsLoggedIn() bool {
	cli := r.current()
	return cli != nil && cli.IsLoggedIn()
}
