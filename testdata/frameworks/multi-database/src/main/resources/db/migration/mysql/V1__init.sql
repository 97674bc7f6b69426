CREATE TABLE users (id bigint NOT NULL AUTO_INCREMENT, PRIMARY KEY (id)) ENGINE=InnoDB;
CREATE TABLE orders (id bigint NOT NULL, user_id bigint NOT NULL);
