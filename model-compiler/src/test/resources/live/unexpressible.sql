-- Objects the model language cannot say, and kinds modelc does not know by name: each must
-- end up under unmanaged: (or as a warning naming what the database keeps), never as an
-- exception and never silently dropped. Written for modelc's tests.
create type mood as enum ('happy', 'sad');
create table people (id bigint primary key, name text not null, mood mood, during tstzrange);
create table pets (id bigint primary key, owner_id bigint references people (id), mood mood);
create table visits (id bigint primary key, person_id bigint references people (id));
create table owners (id bigint primary key, person_id bigint not null);
alter table owners add constraint owners_person_fk foreign key (person_id) references people (id) not valid;
alter table owners add constraint owners_id_positive check (id > 0) not valid;
create table seats (id bigint primary key, code text not null, constraint seats_code_key unique (code) deferrable);
create table bookings (id int not null, room int not null, exclude using btree (room with =));
create table events (id bigint not null, at timestamptz not null) partition by range (at);
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create table base_rows (id bigint primary key);
create table child_rows (extra text) inherits (base_rows);
create unlogged table scratch (id bigint primary key) with (fillfactor = 70);
alter table scratch enable row level security;
create table dup (id bigint primary key, code text);
insert into dup values (1, 'a'), (2, 'a');
create function check_dup() returns trigger language plpgsql as $$ begin return new; end $$;
create constraint trigger dup_check after insert on dup deferrable for each row execute function check_dup();
create aggregate total_of (int) (sfunc = int4pl, stype = int);
create text search configuration plain_english (copy = english);
create collation case_blind (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
create table labels (id bigint primary key, name text collate case_blind);
create schema other;
create collation other.german (provider = icu, locale = 'de');
create table tags (id bigint primary key, name text collate other.german);
create operator === (leftarg = int, rightarg = int, function = int4eq);
create function on_ddl() returns event_trigger language plpgsql as $$ begin end $$;
create event trigger audit_ddl on ddl_command_end execute function on_ddl();
create sequence shared_seq;
create table shared_counter (id bigint primary key, n bigint not null default nextval('shared_seq'));
