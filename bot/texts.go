package bot

// The bot's own sentences: said when something went wrong that no dialog knows of, so
// the bot cannot know the reader's language and says each in both.
const (
	// giveUpText: a message failed, by its own fault, on every attempt.
	giveUpText = "Mohon maaf, pesan Anda belum dapat kami proses karena gangguan sistem. Silakan kirim ulang beberapa saat lagi.\n" +
		"_Sorry, we could not process your message because of a system fault. Please send it again in a moment._"
	// setAsideText: handling a message crashed the process again and again.
	setAsideText = "Mohon maaf, pesan Anda yang terakhir tidak dapat kami proses dan kami lewati. Silakan lanjutkan dengan pesan berikutnya; bila pesan itu sebuah file, kirim file lain (mis. PDF hasil scan ulang).\n" +
		"_Sorry, we could not process your last message and have skipped it. Please carry on with your next message; if it was a file, send another one (e.g. a new scan as PDF)._"
	// outageText: a message has waited a minute for an outage to end.
	outageText = "Pesan Anda tersimpan dan akan kami proses setelah sistem pulih. Mohon tunggu; Anda tidak perlu mengirim ulang.\n" +
		"_Your message is kept and will be processed once the system has recovered. Please wait; there is no need to send it again._"
	// floodText: a number sent more than the flood limit in a short time.
	floodText = "Pesan Anda datang sangat cepat. Semuanya tetap kami simpan dan kami proses berurutan, satu per satu; mohon tunggu balasan sebelum mengirim lagi.\n" +
		"_Your messages are arriving very fast. Every one is kept and will be processed in order, one at a time; please wait for a reply before sending more._"
	// disconnectNotice tells the admins (who read Indonesian, as staff do) that the
	// number lost WhatsApp for good: when (loket.FormatTime), and why.
	disconnectNotice = "⚠️ Loket terputus dari WhatsApp (%s): %s. Pesan yang masuk dan notifikasi disimpan dan dikirim setelah tersambung kembali."
)
