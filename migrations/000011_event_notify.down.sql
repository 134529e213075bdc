DROP TRIGGER intent_events_notify ON intent_events;
DROP FUNCTION notify_intent_events();
DROP TABLE intent_followers;
