-- Per-client requirements (issue 19): require_pushed_authorization_requests (RFC 9126 section 6) and
-- require_signed_request_object (RFC 9101 section 10.5). (V23: helper h2's reserved V13 and V14 were taken by the
-- pending request's session and the pushed requests table before the client model landed.)
ALTER TABLE clients ADD COLUMN require_pushed_authorization_requests BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE clients ADD COLUMN require_signed_request_object BOOLEAN DEFAULT FALSE NOT NULL;
