-- +goose Up
-- Finds the questionnaire a message answered (OpenQuestionnaire, when that message is
-- handled again after a crash) without reading the whole table.
CREATE INDEX questionnaires_chat_seq ON questionnaires (chat, last_seq);

-- +goose Down
DROP INDEX questionnaires_chat_seq;
