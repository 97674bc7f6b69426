CREATE INDEX "idx <&> ""q""" ON events (user_id);
