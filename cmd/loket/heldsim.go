package main

import (
	"context"
	"sync/atomic"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"

	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/bot/sim"
)

// heldSim is this process's simulator as the bot's WhatsApp: connected only while
// the process holds the number, as loket run's connection is. Every call fails with
// bot.ErrNotConnected otherwise, as the real client's do once its connection is cut,
// so a send that passed its check before the lock was lost (and then waited for its
// turn in the pace) goes nowhere: the outbox's notifications stay for the process
// that holds the number.
type heldSim struct {
	*sim.Sim
	connected *atomic.Bool
}

func (h heldSim) IsConnected() bool { return h.connected.Load() && h.Sim.IsConnected() }

func (h heldSim) SendMessage(ctx context.Context, to types.JID, m *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error) {
	if !h.connected.Load() {
		return whatsmeow.SendResponse{}, bot.ErrNotConnected
	}
	return h.Sim.SendMessage(ctx, to, m, extra...)
}

func (h heldSim) Upload(ctx context.Context, data []byte, media whatsmeow.MediaType) (whatsmeow.UploadResponse, error) {
	if !h.connected.Load() {
		return whatsmeow.UploadResponse{}, bot.ErrNotConnected
	}
	return h.Sim.Upload(ctx, data, media)
}

func (h heldSim) DownloadToFile(ctx context.Context, m whatsmeow.DownloadableMessage, f whatsmeow.File) error {
	if !h.connected.Load() {
		return bot.ErrNotConnected
	}
	return h.Sim.DownloadToFile(ctx, m, f)
}

func (h heldSim) MarkRead(ctx context.Context, ids []types.MessageID, ts time.Time, chat, sender types.JID, extra ...types.ReceiptType) error {
	if !h.connected.Load() {
		return bot.ErrNotConnected
	}
	return h.Sim.MarkRead(ctx, ids, ts, chat, sender, extra...)
}

func (h heldSim) SendChatPresence(ctx context.Context, jid types.JID, state types.ChatPresence, media types.ChatPresenceMedia) error {
	if !h.connected.Load() {
		return bot.ErrNotConnected
	}
	return h.Sim.SendChatPresence(ctx, jid, state, media)
}
