-- Case: a primary key and a unique constraint that lead with the foreign keys' columns.
-- Expect: FK005 does not fire.
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE products (id bigint PRIMARY KEY);

CREATE TABLE user_profiles (
    user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    bio text
);

CREATE TABLE cart_items (
    user_id bigint NOT NULL REFERENCES users (id),
    product_id bigint NOT NULL REFERENCES products (id),
    quantity integer NOT NULL,
    PRIMARY KEY (user_id, product_id),
    CONSTRAINT cart_items_product_user_key UNIQUE (product_id, user_id)
);
