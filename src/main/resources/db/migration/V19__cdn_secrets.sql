-- HS256 key sets hold secrets shared with a CDN (Akamai's key, bunny.net's security key). A
-- secret has no public half: its row has no public_key, the secret being sealed under the KEK in
-- private_key_ciphertext like any private key.
ALTER TABLE signing_keys ALTER COLUMN public_key DROP NOT NULL;
