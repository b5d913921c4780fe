-- Sets used by a partner whose platform cannot read our JWKS and knows our keys only by the id it
-- assigned (Vidbeo's keyid): such a set is not rotated while its NEXT key has no partner_key_id.
-- Set by the partners package when such a partner is created on the set; it stays set.
ALTER TABLE key_sets ADD COLUMN vendor_key_ids boolean DEFAULT false NOT NULL;
UPDATE key_sets SET vendor_key_ids = true WHERE name IN (SELECT key_set FROM partners WHERE profile = 'VIDBEO');
