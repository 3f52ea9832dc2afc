select count(*) = 5 and sum(amount) = 15 and pg_typeof(min(amount))::text = 'bigint' from charges
