-- The field app (issue 14) sends the phone's position with its accuracy (the Geolocation API's
-- radius in metres, 68 % confidence). A reading that could be 400 m off is no evidence that the
-- team stood elsewhere, so the accuracy is kept beside the position and the flag allows for it.
-- Nullable, no default: adding it rewrites nothing.

ALTER TABLE inspection ADD COLUMN position_accuracy_m real
    CHECK (position_accuracy_m IS NULL OR (position_accuracy_m >= 0 AND position_accuracy_m <= 100000));
