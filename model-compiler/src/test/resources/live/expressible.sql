-- A schema that uses everything the model language can say, with the names real databases
-- have (quoted, mixed case, unicode, reserved words, 63 bytes), plus unmanaged objects that
-- do not stop the managed ones from being created on their own. Written for modelc's tests.
create extension if not exists citext;
create extension if not exists pg_trgm;

create type orders_status as enum ('pending', 'paid', 'shipped');

create table shops (
  id bigint generated always as identity,
  name text not null,
  domain citext not null,
  constraint shops_pk primary key (id),
  constraint uq_shops_domain unique (domain)
);
comment on table shops is 'A shop.';
comment on column shops.name is 'Shown on invoices, with ''quotes'' and a: colon.';

create table orders (
  shop_id bigint not null references shops (id),
  id integer not null,
  number text not null,
  status orders_status not null default 'pending',
  total_cents bigint not null,
  quantity int not null default 1,
  price_cents bigint not null,
  line_total bigint generated always as (price_cents * quantity) stored,
  tags text[] not null default '{}',
  ip inet,
  ttl interval default '1 day',
  note varchar(200) collate "C",
  placed_at timestamptz(3) not null default now(),
  weight numeric(8,3),
  flags bit varying(16),
  primary key (shop_id, id),
  constraint orders_total_positive check (total_cents >= 0)
);
create unique index index_orders_on_shop_number on orders (shop_id, lower(number));
create index index_orders_on_tags on orders using gin (tags);
create index index_orders_on_number_trgm on orders using gin (number gin_trgm_ops);
create index index_orders_on_placed on orders (placed_at desc nulls last) where status <> 'shipped';
create index orders_brin on orders using brin (placed_at) with (pages_per_range = 32);
create index orders_hash on orders using hash (number);
create index orders_covering on orders (shop_id) include (total_cents, status);

create table "Line Items" (
  "Id" bigserial primary key,
  "order" int not null,
  shop_id bigint not null,
  "prénom" text,
  "a""b" text,
  "select" boolean not null default false,
  constraint fk_rails_0a1b2c3d foreign key (shop_id, "order") references orders (shop_id, id)
    on delete cascade on update cascade deferrable initially deferred
);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  email text,
  kind text not null default 'person',
  constraint accounts_email_key unique nulls not distinct (email)
);
create unique index accounts_lower_email on accounts (lower(email)) nulls not distinct;

create table this_table_name_is_exactly_sixty_three_bytes_long_abcdefghijklm (
  id serial primary key,
  parent_id int references this_table_name_is_exactly_sixty_three_bytes_long_abcdefghijklm (id)
);

create view paid_orders as select shop_id, id, total_cents from orders where status = 'paid';
create materialized view daily_revenue as
  select date_trunc('day', placed_at) as day, sum(total_cents) as total from orders group by 1;
create function set_placed_at() returns trigger language plpgsql as $$ begin new.placed_at := now(); return new; end $$;
create trigger orders_set_placed before insert on orders for each row execute function set_placed_at();
create sequence invoice_numbers;
create policy accounts_by_kind on accounts using (kind = 'person');
create domain positive_int as int check (value > 0);
create type address as (street text, city text);
create statistics orders_stats (dependencies) on shop_id, status from orders;
create rule paid_orders_no_delete as on delete to paid_orders do instead nothing;
