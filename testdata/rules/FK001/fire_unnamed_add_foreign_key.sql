-- Case: unnamed ADD FOREIGN KEY (no CONSTRAINT clause), lower-case keywords, ON DELETE CASCADE.
-- Expect: FK001 fires.
set lock_timeout = '5s';

alter table order_items
    add foreign key (order_id) references orders (id) on delete cascade;
