select count(*) = 5 and count(distinct idempotency_key) = 5 and bool_and(risk_score = 0) from charges
