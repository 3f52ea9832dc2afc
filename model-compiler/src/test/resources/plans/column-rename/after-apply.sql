select count(*) = 5 and count(*) filter (where amount_minor between 1 and 5) = 5 from charges
