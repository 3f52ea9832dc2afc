-- modelc: create-from-scratch schema of model 'payments'

CREATE TYPE merchants_status AS ENUM ('active', 'suspended', 'closed');
CREATE TYPE api_keys_mode AS ENUM ('live', 'test');
CREATE TYPE balance_transactions_kind AS ENUM ('charge', 'refund', 'dispute', 'payout', 'fee');
CREATE TYPE payment_methods_kind AS ENUM ('card', 'bank_account', 'wallet');
CREATE TYPE charges_status AS ENUM ('pending', 'succeeded', 'failed', 'refunded');
CREATE TYPE disputes_status AS ENUM ('needs_response', 'under_review', 'won', 'lost');
CREATE TYPE payouts_status AS ENUM ('scheduled', 'in_transit', 'paid', 'failed');
CREATE TYPE refunds_reason AS ENUM ('duplicate', 'fraudulent', 'requested_by_customer');
CREATE TYPE refunds_status AS ENUM ('pending', 'succeeded', 'failed');

CREATE TABLE merchants (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  country char(2) NOT NULL,
  status merchants_status NOT NULL DEFAULT 'active'::merchants_status,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT merchants_pkey PRIMARY KEY (id)
);

CREATE TABLE api_keys (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  merchant_id uuid NOT NULL,
  key_hash bytea NOT NULL,
  label text,
  mode api_keys_mode NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CONSTRAINT api_keys_pkey PRIMARY KEY (id),
  CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
  CONSTRAINT api_keys_merchant_id_fkey FOREIGN KEY (merchant_id) REFERENCES merchants (id) ON DELETE CASCADE
);
CREATE INDEX api_keys_merchant ON api_keys (merchant_id);

CREATE TABLE balance_transactions (
  id bigint NOT NULL,
  merchant_id uuid NOT NULL,
  source_id uuid NOT NULL,
  kind balance_transactions_kind NOT NULL,
  amount bigint NOT NULL,
  fee bigint NOT NULL DEFAULT 0,
  net bigint NOT NULL,
  available_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT balance_transactions_pkey PRIMARY KEY (id),
  CONSTRAINT balance_transactions_merchant_id_fkey FOREIGN KEY (merchant_id) REFERENCES merchants (id)
);
CREATE INDEX balance_transactions_merchant_created ON balance_transactions (merchant_id, created_at DESC) INCLUDE (amount, net);
CREATE INDEX balance_transactions_source ON balance_transactions (source_id);

CREATE TABLE customers (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  merchant_id uuid NOT NULL,
  email varchar(320) NOT NULL,
  name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT customers_pkey PRIMARY KEY (id),
  CONSTRAINT customers_merchant_id_fkey FOREIGN KEY (merchant_id) REFERENCES merchants (id)
);
CREATE UNIQUE INDEX customers_merchant_email ON customers (merchant_id, email);

CREATE TABLE payment_methods (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL,
  kind payment_methods_kind NOT NULL,
  last4 char(4) NOT NULL,
  fingerprint bytea NOT NULL,
  expires_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payment_methods_pkey PRIMARY KEY (id),
  CONSTRAINT payment_methods_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
);
CREATE INDEX payment_methods_customer_created ON payment_methods (customer_id, created_at DESC);
CREATE INDEX payment_methods_expiry ON payment_methods (expires_on);

CREATE TABLE charges (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  merchant_id uuid NOT NULL,
  customer_id uuid,
  payment_method_id uuid,
  amount bigint NOT NULL,
  currency char(3) NOT NULL,
  status charges_status NOT NULL DEFAULT 'pending'::charges_status,
  failure_code varchar(64),
  metadata jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  captured_at timestamptz,
  CONSTRAINT charges_pkey PRIMARY KEY (id),
  CONSTRAINT charges_amount_positive CHECK (amount > 0),
  CONSTRAINT charges_merchant_id_fkey FOREIGN KEY (merchant_id) REFERENCES merchants (id),
  CONSTRAINT charges_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE SET NULL,
  CONSTRAINT charges_payment_method_id_fkey FOREIGN KEY (payment_method_id) REFERENCES payment_methods (id) ON DELETE SET NULL
);
CREATE INDEX charges_merchant_created ON charges (merchant_id, created_at DESC);
CREATE INDEX charges_customer_created ON charges (customer_id, created_at DESC);
CREATE INDEX charges_pending ON charges (created_at) WHERE status = 'pending';

CREATE TABLE disputes (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  charge_id uuid NOT NULL,
  status disputes_status NOT NULL,
  amount bigint NOT NULL,
  evidence_due_by timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT disputes_pkey PRIMARY KEY (id),
  CONSTRAINT disputes_charge_id_key UNIQUE (charge_id),
  CONSTRAINT disputes_charge_id_fkey FOREIGN KEY (charge_id) REFERENCES charges (id)
);
CREATE INDEX disputes_needing_response ON disputes (evidence_due_by) WHERE status = 'needs_response';

CREATE TABLE exchange_rates (
  currency char(3) NOT NULL,
  on_date date NOT NULL,
  rate numeric(18,8) NOT NULL,
  CONSTRAINT exchange_rates_pkey PRIMARY KEY (currency, on_date)
);

CREATE TABLE payouts (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  merchant_id uuid NOT NULL,
  amount bigint NOT NULL,
  currency char(3) NOT NULL,
  status payouts_status NOT NULL DEFAULT 'scheduled'::payouts_status,
  arrival_date date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payouts_pkey PRIMARY KEY (id),
  CONSTRAINT payouts_merchant_id_fkey FOREIGN KEY (merchant_id) REFERENCES merchants (id)
);
CREATE INDEX payouts_merchant_arrival ON payouts (merchant_id, arrival_date DESC);

CREATE TABLE refunds (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  charge_id uuid NOT NULL,
  amount bigint NOT NULL,
  reason refunds_reason,
  status refunds_status NOT NULL DEFAULT 'pending'::refunds_status,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT refunds_pkey PRIMARY KEY (id),
  CONSTRAINT refunds_charge_id_fkey FOREIGN KEY (charge_id) REFERENCES charges (id)
);
CREATE INDEX refunds_charge ON refunds (charge_id);

CREATE TABLE webhook_events (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  merchant_id uuid NOT NULL,
  type varchar(100) NOT NULL,
  payload jsonb NOT NULL,
  delivered boolean NOT NULL DEFAULT false,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT webhook_events_pkey PRIMARY KEY (id),
  CONSTRAINT webhook_events_merchant_id_fkey FOREIGN KEY (merchant_id) REFERENCES merchants (id)
);
CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE delivered = false;
