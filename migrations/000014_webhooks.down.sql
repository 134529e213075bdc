DROP TRIGGER intent_events_webhooks ON intent_events;
DROP FUNCTION queue_webhook_deliveries();
DROP TABLE webhook_outbox;
DROP TABLE webhooks;
