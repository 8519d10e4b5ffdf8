
SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

CREATE TABLE public.indicator_catalogue (
    code text NOT NULL,
    name text NOT NULL,
    domain text,
    unit text,
    higher_is_better boolean,
    description text,
    custom boolean NOT NULL,
    submission_id integer
);

CREATE TABLE public.indicator_values (
    id bigint NOT NULL,
    submission_id integer NOT NULL,
    slice_id bigint NOT NULL,
    org_code text NOT NULL,
    period date NOT NULL,
    period_type text NOT NULL,
    indicator text,
    value double precision,
    numerator double precision,
    denominator double precision
);

CREATE SEQUENCE public.indicator_values_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.indicator_values_id_seq OWNED BY public.indicator_values.id;

CREATE TABLE public.leadership (
    id bigint NOT NULL,
    submission_id integer NOT NULL,
    slice_id bigint NOT NULL,
    org_code text NOT NULL,
    period date NOT NULL,
    period_type text NOT NULL,
    role text,
    job_title text,
    profession text,
    band text,
    fte double precision,
    strategic_time_pct double precision,
    board_role text,
    reports_to text
);

CREATE SEQUENCE public.leadership_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.leadership_id_seq OWNED BY public.leadership.id;

CREATE TABLE public.organisations (
    org_code text NOT NULL,
    org_name text,
    region text,
    icb text,
    trust_type text,
    source text NOT NULL,
    updated_at timestamp with time zone
);

CREATE TABLE public.self_assessment_answers (
    assessment_id integer NOT NULL,
    question_id text NOT NULL,
    answer text,
    note text
);

CREATE TABLE public.self_assessments (
    id integer NOT NULL,
    org_code text NOT NULL,
    period text NOT NULL,
    version integer NOT NULL,
    submitted_by text NOT NULL,
    submitted_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.self_assessments_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.self_assessments_id_seq OWNED BY public.self_assessments.id;

CREATE TABLE public.sign_outs (
    subject text NOT NULL,
    signed_out_at bigint NOT NULL
);

CREATE TABLE public.slices (
    id bigint NOT NULL,
    submission_id integer NOT NULL,
    table_name text NOT NULL,
    org_code text NOT NULL,
    period date NOT NULL,
    period_type text NOT NULL,
    indicator text NOT NULL,
    rows integer NOT NULL,
    active boolean NOT NULL
);

CREATE SEQUENCE public.slices_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.slices_id_seq OWNED BY public.slices.id;

CREATE TABLE public.store_meta (
    key text NOT NULL,
    value bigint NOT NULL
);

CREATE TABLE public.submission_files (
    sha256 text NOT NULL,
    content bytea NOT NULL
);

CREATE TABLE public.submission_organisations (
    submission_id integer NOT NULL,
    org_code text NOT NULL,
    org_name text,
    region text,
    icb text,
    trust_type text
);

CREATE TABLE public.submissions (
    id integer NOT NULL,
    file_name text NOT NULL,
    sha256 text NOT NULL,
    size bigint NOT NULL,
    user_name text NOT NULL,
    submitted_at timestamp with time zone NOT NULL,
    status text NOT NULL,
    rows_json text NOT NULL,
    warnings_count integer NOT NULL,
    warnings_json text NOT NULL,
    superseded_by integer,
    withdrawn_at timestamp with time zone,
    withdrawn_by text
);

CREATE SEQUENCE public.submissions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.submissions_id_seq OWNED BY public.submissions.id;

CREATE TABLE public.workforce (
    id bigint NOT NULL,
    submission_id integer NOT NULL,
    slice_id bigint NOT NULL,
    org_code text NOT NULL,
    period date NOT NULL,
    period_type text NOT NULL,
    profession text,
    band text,
    fte double precision,
    headcount double precision,
    vacancy_fte double precision
);

CREATE SEQUENCE public.workforce_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.workforce_id_seq OWNED BY public.workforce.id;

ALTER TABLE ONLY public.indicator_values ALTER COLUMN id SET DEFAULT nextval('public.indicator_values_id_seq'::regclass);

ALTER TABLE ONLY public.leadership ALTER COLUMN id SET DEFAULT nextval('public.leadership_id_seq'::regclass);

ALTER TABLE ONLY public.self_assessments ALTER COLUMN id SET DEFAULT nextval('public.self_assessments_id_seq'::regclass);

ALTER TABLE ONLY public.slices ALTER COLUMN id SET DEFAULT nextval('public.slices_id_seq'::regclass);

ALTER TABLE ONLY public.submissions ALTER COLUMN id SET DEFAULT nextval('public.submissions_id_seq'::regclass);

ALTER TABLE ONLY public.workforce ALTER COLUMN id SET DEFAULT nextval('public.workforce_id_seq'::regclass);

INSERT INTO public.indicator_catalogue VALUES ('cqc_overall', 'CQC overall rating', 'Quality', 'rating', true, 'Care Quality Commission overall rating of the trust, scored 0-3: Inadequate 0, Requires improvement 1, Good 2, Outstanding 3 (CQC inspection reports).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('cqc_well_led', 'CQC well-led rating', 'Well-led', 'rating', true, 'CQC rating for the well-led key question (leadership, governance and culture), scored 0-3 from Inadequate to Outstanding (CQC inspection reports).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('shmi', 'Summary Hospital-level Mortality Indicator', 'Safety', 'ratio', false, 'Ratio of actual to expected deaths in hospital or within 30 days of discharge; 1.0 is the England average (NHS Digital SHMI publication).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('readmissions_30d', 'Emergency readmissions within 30 days', 'Quality', '%', false, 'Percentage of discharges followed by an emergency readmission within 30 days (NHS Digital Compendium of Clinical and Health Indicators).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('fft_positive', 'Friends and Family Test positive responses', 'Patient experience', '%', true, 'Percentage of Friends and Family Test respondents who rated their experience good or very good (NHS England Friends and Family Test data).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('staff_engagement', 'Staff engagement score', 'Workforce', 'score', true, 'Staff engagement theme score from 0 to 10, combining motivation, involvement and advocacy (NHS Staff Survey).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('ahp_able_to_improve', 'AHP staff able to make improvements in their area', 'Well-led', '%', true, 'Percentage of AHP respondents who agree they are able to make improvements happen in their area of work (NHS Staff Survey).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('staff_recommend_work', 'Staff recommending the trust as a place to work', 'Workforce', '%', true, 'Percentage of staff who would recommend the organisation as a place to work (NHS Staff Survey).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('sickness_absence', 'Sickness absence rate', 'Workforce', '%', false, 'FTE days lost to sickness absence as a percentage of FTE days available (NHS Digital NHS Sickness Absence Rates).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('turnover', 'Staff turnover rate', 'Workforce', '%', false, 'Staff leaving the trust in the last 12 months as a percentage of average staff in post (NHS Digital NHS Workforce Statistics).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('stability', 'Stability index', 'Workforce', '%', true, 'Percentage of staff in post at the start of the year who were still in post a year later (NHS Digital NHS Workforce Statistics).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('vacancy_rate_trust', 'Trust vacancy rate (all staff groups)', 'Workforce', '%', false, 'Vacant FTE as a percentage of the trust''s planned workforce across all staff groups (NHS Digital NHS Vacancy Statistics); not the AHP vacancy rate the application derives from returns.', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('ae_4hr', 'A&E 4-hour performance', 'Access', '%', true, 'Percentage of A&E attendances admitted, transferred or discharged within four hours of arrival (NHS England monthly A&E attendances and emergency admissions statistics).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('rtt_18wk', 'Referral to treatment within 18 weeks', 'Access', '%', true, 'Percentage of patients on incomplete referral-to-treatment pathways waiting 18 weeks or less (NHS England consultant-led RTT waiting times statistics).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('diagnostic_6wk', 'Diagnostic tests within 6 weeks', 'Access', '%', true, 'Percentage of patients waiting less than six weeks for one of the 15 key diagnostic tests, many of them done by radiographers (NHS England monthly diagnostics waiting times, DM01).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('length_of_stay', 'Average length of stay', 'Productivity', 'days', false, 'Mean number of days an admitted patient spends in hospital per spell (NHS Digital Hospital Episode Statistics).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('bed_occupancy', 'Bed occupancy rate', 'Productivity', '%', NULL, 'Percentage of available general and acute beds occupied overnight (NHS England KH03 bed availability and occupancy); neutral because very high occupancy harms patient flow while low occupancy can mean spare capacity.', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('contacts_per_ahp_fte', 'Patient contacts per AHP FTE', 'Productivity', 'count', true, 'Patient contacts delivered per full-time equivalent AHP in the period, from the trust''s own activity data; compare like with like, as case mix and contact length vary.', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('cost_per_wau', 'Cost per weighted activity unit', 'Productivity', 'GBP', false, 'Trust cost per unit of activity weighted for case mix, from the National Cost Collection via NHS England''s Model Health System (formerly Model Hospital).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('ahp_cost_per_1000_obd', 'AHP cost per 1000 occupied bed days', 'Finance', 'GBP', NULL, 'AHP pay cost per 1,000 occupied bed days (Model Health System); direction is neutral because a low cost can mean efficiency or too little therapy, and a high cost can mean investment in rehabilitation or inefficiency.', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('agency_spend_pct', 'Agency spend as a share of pay bill', 'Finance', '%', false, 'Spending on agency staff as a percentage of the trust''s total pay bill (NHS England agency spend data and trust accounts).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('surplus_deficit_pct', 'Surplus or deficit as a share of income', 'Finance', '%', true, 'Reported surplus (positive) or deficit (negative) as a percentage of operating income (trust annual accounts and NHS England financial performance reports).', false, NULL);
INSERT INTO public.indicator_catalogue VALUES ('Ward happiness', 'Ward happiness', NULL, NULL, NULL, NULL, true, 1);

INSERT INTO public.indicator_values VALUES (1, 1, 8, 'XA1', '2023-04-01', 'financial_year', 'cqc_overall', 2, NULL, NULL);
INSERT INTO public.indicator_values VALUES (2, 1, 7, 'XA1', '2023-04-01', 'financial_year', 'Ward happiness', 7.5, NULL, NULL);
INSERT INTO public.indicator_values VALUES (3, 1, 9, 'XB1', '2023-04-01', 'financial_year', 'cqc_overall', 2, NULL, NULL);
INSERT INTO public.indicator_values VALUES (4, 2, 11, 'XA1', '2023-04-01', 'financial_year', 'cqc_overall', 3, NULL, NULL);

INSERT INTO public.leadership VALUES (1, 1, 6, 'XA1', '2024-03-01', 'month', 'Chief AHP', 'Post 1', NULL, NULL, 1, 50, 'Attends board', 'Chief nurse');
INSERT INTO public.leadership VALUES (2, 1, 6, 'XA1', '2024-03-01', 'month', 'Lead AHP', 'Post 2', NULL, NULL, 1, 50, 'Attends board', 'Chief nurse');
INSERT INTO public.leadership VALUES (3, 1, 6, 'XA1', '2024-03-01', 'month', 'Professional lead', 'Post 3', NULL, NULL, 1, 50, 'Attends board', 'Chief nurse');
INSERT INTO public.leadership VALUES (4, 1, 5, 'RJ1', '2024-03-01', 'month', 'Chief AHP', 'Post 1', NULL, NULL, 1, 50, 'Attends board', 'Chief nurse');

INSERT INTO public.organisations VALUES ('R0A', 'Manchester University NHS Foundation Trust', 'North West', NULL, NULL, 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('R1A', 'Worcestershire Health and Care NHS Trust', 'Midlands', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('R1C', 'Solent NHS Trust', 'South East', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('R1D', 'Shropshire Community Health NHS Trust', 'Midlands', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('R1E', 'Staffordshire and Stoke on Trent Partnership NHS Trust', 'Midlands', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('R1F', 'Isle of Wight NHS Trust', 'South East', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('R1H', 'Barts Health NHS Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('R1J', 'Gloucestershire Care Services NHS Trust', 'South West', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('R1K', 'London North West University Healthcare NHS Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('R1L', 'Essex Partnership University NHS Foundation Trust', 'East of England', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RA2', 'Royal Surrey County Hospital NHS Foundation Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RA3', 'Weston Area Health NHS Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RA4', 'Yeovil District Hospital NHS Foundation Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RA7', 'University Hospitals Bristol NHS Foundation Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RA9', 'Torbay and South Devon NHS Foundation Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RAE', 'Bradford Teaching Hospitals NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RAJ', 'Southend University Hospital NHS Foundation Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RAL', 'Royal Free London NHS Foundation Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RAN', 'Royal National Orthopaedic Hospital NHS Trust', 'London', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RAP', 'North Middlesex University Hospital NHS Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RAS', 'The Hillingdon Hospitals NHS Foundation Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RAT', 'North East London NHS Foundation Trust', 'London', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RAX', 'Kingston Hospital NHS Foundation Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RBA', 'Taunton and Somerset NHS Foundation Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RBD', 'Dorset County Hospital NHS Foundation Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RBK', 'Walsall Healthcare NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RBL', 'Wirral University Teaching Hospital NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RBN', 'St Helens and Knowsley Hospital Services NHS Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RBQ', 'Liverpool Heart and Chest Hospital NHS Foundation Trust', 'North West', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RBS', 'Alder Hey Children''s NHS Foundation Trust', 'North West', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RBT', 'Mid Cheshire Hospitals NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RBV', 'The Christie NHS Foundation Trust', 'North West', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RBZ', 'Northern Devon Healthcare NHS Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RC1', 'Bedford Hospital NHS Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RC9', 'Luton and Dunstable University Hospital NHS Foundation Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RCB', 'York Teaching Hospital NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RCD', 'Harrogate and District NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RCF', 'Airedale NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RCU', 'Sheffield Children''s NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RCX', 'The Queen Elizabeth Hospital, King''s Lynn, NHS Foundation Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RD1', 'Royal United Hospitals Bath NHS Foundation Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RD3', 'Poole Hospital NHS Foundation Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RD8', 'Milton Keynes University Hospital NHS Foundation Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RDD', 'Basildon and Thurrock University Hospitals NHS Foundation Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RDE', 'East Suffolk and North Essex NHS Foundation Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RDR', 'Sussex Community NHS Foundation Trust', 'South East', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RDU', 'Frimley Health NHS Foundation Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RDY', 'Dorset Healthcare University NHS Foundation Trust', 'South West', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RDZ', 'The Royal Bournemouth and Christchurch Hospitals NHS Foundation Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RE9', 'South Tyneside NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('REF', 'Royal Cornwall Hospitals NHS Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('REM', 'Aintree University Hospital NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('REN', 'The Clatterbridge Cancer Centre NHS Foundation Trust', 'North West', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('REP', 'Liverpool Women''s NHS Foundation Trust', 'North West', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RET', 'The Walton Centre NHS Foundation Trust', 'North West', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RF4', 'Barking, Havering and Redbridge University Hospitals NHS Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RFF', 'Barnsley Hospital NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RFR', 'The Rotherham NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RFS', 'Chesterfield Royal Hospital NHS Foundation Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RGD', 'Leeds and York Partnership NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RGM', 'Royal Papworth Hospital NHS Foundation Trust', 'East of England', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RGN', 'North West Anglia NHS Foundation Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RGP', 'James Paget University Hospitals NHS Foundation Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RGR', 'West Suffolk NHS Foundation Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RGT', 'Cambridge University Hospitals NHS Foundation Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RH5', 'Somerset Partnership NHS Foundation Trust', 'South West', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RH8', 'Royal Devon and Exeter NHS Foundation Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RHA', 'Nottinghamshire Healthcare NHS Foundation Trust', 'Midlands', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RHM', 'University Hospital Southampton NHS Foundation Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RHQ', 'Sheffield Teaching Hospitals NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RHU', 'Portsmouth Hospitals NHS Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RHW', 'Royal Berkshire NHS Foundation Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RJ2', 'Lewisham and Greenwich NHS Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RJ6', 'Croydon Health Services NHS Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RJ7', 'St George''s University Hospitals NHS Foundation Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RJ8', 'Cornwall Partnership NHS Foundation Trust', 'South West', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RJC', 'South Warwickshire NHS Foundation Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RJD', 'Mid Staffordshire NHS Foundation Trust', 'Midlands', NULL, NULL, 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RJE', 'University Hospitals of North Midlands NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RJL', 'Northern Lincolnshire and Goole NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RJN', 'East Cheshire NHS Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RJR', 'Countess of Chester Hospital NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RJZ', 'King''s College Hospital NHS Foundation Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RK5', 'Sherwood Forest Hospitals NHS Foundation Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RK9', 'University Hospitals Plymouth NHS Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RKB', 'University Hospitals Coventry and Warwickshire NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RKE', 'Whittington Health NHS Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RKL', 'West London Mental Health NHS Trust', 'London', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RL1', 'The Robert Jones and Agnes Hunt Orthopaedic Hospital NHS Foundation Trust', 'Midlands', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RL4', 'The Royal Wolverhampton NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RLN', 'City Hospitals Sunderland NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RLQ', 'Wye Valley NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RLT', 'George Eliot Hospital NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RLY', 'North Staffordshire Combined Healthcare NHS Trust', 'Midlands', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RM1', 'Norfolk and Norwich University Hospitals NHS Foundation Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RM3', 'Salford Royal NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RMC', 'Bolton NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RMP', 'Tameside and Glossop Integrated Care NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RMY', 'Norfolk and Suffolk NHS Foundation Trust', 'East of England', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RN3', 'Great Western Hospitals NHS Foundation Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RN5', 'Hampshire Hospitals NHS Foundation Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RN7', 'Dartford and Gravesham NHS Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RNA', 'The Dudley Group NHS Foundation Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RNK', 'Tavistock and Portman NHS Foundation Trust', 'London', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RNL', 'North Cumbria University Hospitals NHS Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RNN', 'Cumbria Partnership NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RNQ', 'Kettering General Hospital NHS Foundation Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RNS', 'Northampton General Hospital NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RNU', 'Oxford Health NHS Foundation Trust', 'South East', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RNZ', 'Salisbury NHS Foundation Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RP1', 'Northamptonshire Healthcare NHS Foundation Trust', 'Midlands', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RP4', 'Great Ormond Street Hospital for Children NHS Foundation Trust', 'London', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RP5', 'Doncaster and Bassetlaw Teaching Hospitals NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RP6', 'Moorfields Eye Hospital NHS Foundation Trust', 'London', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RP7', 'Lincolnshire Partnership NHS Foundation Trust', 'Midlands', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RPA', 'Medway NHS Foundation Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RPC', 'Queen Victoria Hospital NHS Foundation Trust', 'South East', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RPG', 'Oxleas NHS Foundation Trust', 'London', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RPY', 'The Royal Marsden NHS Foundation Trust', 'London', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RQ3', 'Birmingham Women''s and Children''s NHS Foundation Trust', 'Midlands', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RQ6', 'Royal Liverpool and Broadgreen University Hospitals NHS Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RQ8', 'Mid Essex Hospital Services NHS Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RQM', 'Chelsea and Westminster Hospital NHS Foundation Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RQW', 'The Princess Alexandra Hospital NHS Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RQX', 'Homerton University Hospital NHS Foundation Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RQY', 'South West London and St George''s Mental Health NHS Trust', 'London', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RR7', 'Gateshead Health NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RR8', 'Leeds Teaching Hospitals NHS Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RRE', 'Midlands Partnership NHS Foundation Trust', 'Midlands', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RRF', 'Wrightington, Wigan and Leigh NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RRJ', 'The Royal Orthopaedic Hospital NHS Foundation Trust', 'Midlands', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RRK', 'University Hospitals Birmingham NHS Foundation Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RRP', 'Barnet, Enfield and Haringey Mental Health NHS Trust', 'London', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RRU', 'London Ambulance Service NHS Trust', 'London', NULL, 'Ambulance', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RRV', 'University College London Hospitals NHS Foundation Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RT1', 'Cambridgeshire and Peterborough NHS Foundation Trust', 'East of England', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RT2', 'Pennine Care NHS Foundation Trust', 'North West', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RT3', 'Royal Brompton & Harefield NHS Foundation Trust', 'London', NULL, 'Acute specialist', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RT5', 'Leicestershire Partnership NHS Trust', 'Midlands', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RTD', 'The Newcastle upon Tyne Hospitals NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RTE', 'Gloucestershire Hospitals NHS Foundation Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RTF', 'Northumbria Healthcare NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RTG', 'University Hospitals of Derby and Burton NHS Foundation Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RTH', 'Oxford University Hospitals NHS Foundation Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RTK', 'Ashford and St Peter''s Hospitals NHS Foundation Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RTP', 'Surrey and Sussex Healthcare NHS Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RTQ', '2gether NHS Foundation Trust', 'South West', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RTR', 'South Tees Hospitals NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RTV', 'North West Boroughs Healthcare NHS Foundation Trust', 'North West', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RTX', 'University Hospitals of Morecambe Bay NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RV3', 'Central and North West London NHS Foundation Trust', 'London', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RV5', 'South London and Maudsley NHS Foundation Trust', 'London', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RV9', 'Humber Teaching NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RVJ', 'North Bristol NHS Trust', 'South West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RVN', 'Avon and Wiltshire Mental Health Partnership NHS Trust', 'South West', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RVR', 'Epsom and St Helier University Hospitals NHS Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RVV', 'East Kent Hospitals University NHS Foundation Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RVW', 'North Tees and Hartlepool NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RVY', 'Southport and Ormskirk Hospital NHS Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RW1', 'Southern Health NHS Foundation Trust', 'South East', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RW4', 'Mersey Care NHS Foundation Trust', 'North West', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RW5', 'Lancashire Care NHS Foundation Trust', 'North West', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RW6', 'Pennine Acute Hospitals NHS Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWA', 'Hull and East Yorkshire Hospitals NHS Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWD', 'United Lincolnshire Hospitals NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWE', 'University Hospitals of Leicester NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWF', 'Maidstone and Tunbridge Wells NHS Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWG', 'West Hertfordshire Hospitals NHS Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWH', 'East and North Hertfordshire NHS Trust', 'East of England', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWJ', 'Stockport NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWK', 'East London NHS Foundation Trust', 'London', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWP', 'Worcestershire Acute Hospitals NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWR', 'Hertfordshire Partnership University NHS Foundation Trust', 'East of England', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWV', 'Devon Partnership NHS Trust', 'South West', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWW', 'Warrington and Halton Hospitals NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWX', 'Berkshire Healthcare NHS Foundation Trust', 'South East', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RWY', 'Calderdale and Huddersfield NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RX1', 'Nottingham University Hospitals NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RX2', 'Sussex Partnership NHS Foundation Trust', 'South East', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RX3', 'Tees, Esk and Wear Valleys NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RX4', 'Northumberland, Tyne and Wear NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RX6', 'North East Ambulance Service NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Ambulance', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RX7', 'North West Ambulance Service NHS Trust', 'North West', NULL, 'Ambulance', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RX8', 'Yorkshire Ambulance Service NHS Trust', 'North East and Yorkshire', NULL, 'Ambulance', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RX9', 'East Midlands Ambulance Service NHS Trust', 'Midlands', NULL, 'Ambulance', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXA', 'Cheshire and Wirral Partnership NHS Foundation Trust', 'North West', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXC', 'East Sussex Healthcare NHS Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXE', 'Rotherham Doncaster and South Humber NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXF', 'Mid Yorkshire Hospitals NHS Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXG', 'South West Yorkshire Partnership NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXH', 'Brighton and Sussex University Hospitals NHS Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXK', 'Sandwell and West Birmingham Hospitals NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXL', 'Blackpool Teaching Hospitals NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXM', 'Derbyshire Healthcare NHS Foundation Trust', 'Midlands', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXN', 'Lancashire Teaching Hospitals NHS Foundation Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXP', 'County Durham and Darlington NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXQ', 'Buckinghamshire Healthcare NHS Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXR', 'East Lancashire Hospitals NHS Trust', 'North West', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXT', 'Birmingham and Solihull Mental Health NHS Foundation Trust', 'Midlands', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXV', 'Greater Manchester Mental Health NHS Foundation Trust', 'North West', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXW', 'Shrewsbury and Telford Hospital NHS Trust', 'Midlands', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXX', 'Surrey and Borders Partnership NHS Foundation Trust', 'South East', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RXY', 'Kent and Medway NHS and Social Care Partnership Trust', 'South East', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RY1', 'Liverpool Community Health NHS Trust', 'North West', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RY2', 'Bridgewater Community Healthcare NHS Foundation Trust', 'North West', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RY3', 'Norfolk Community Health and Care NHS Trust', 'East of England', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RY4', 'Hertfordshire Community NHS Trust', 'East of England', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RY5', 'Lincolnshire Community Health Services NHS Trust', 'Midlands', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RY6', 'Leeds Community Healthcare NHS Trust', 'North East and Yorkshire', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RY7', 'Wirral Community NHS Foundation Trust', 'North West', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RY8', 'Derbyshire Community Health Services NHS Foundation Trust', 'Midlands', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RY9', 'Hounslow and Richmond Community Healthcare NHS Trust', 'London', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYA', 'West Midlands Ambulance Service NHS Foundation Trust', 'Midlands', NULL, 'Ambulance', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYC', 'East of England Ambulance Service NHS Trust', 'East of England', NULL, 'Ambulance', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYD', 'South East Coast Ambulance Service NHS Foundation Trust', 'South East', NULL, 'Ambulance', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYE', 'South Central Ambulance Service NHS Foundation Trust', 'South East', NULL, 'Ambulance', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYF', 'South Western Ambulance Service NHS Foundation Trust', 'South West', NULL, 'Ambulance', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYG', 'Coventry and Warwickshire Partnership NHS Trust', 'Midlands', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYJ', 'Imperial College Healthcare NHS Trust', 'London', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYK', 'Dudley and Walsall Mental Health Partnership NHS Trust', 'Midlands', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYR', 'Western Sussex Hospitals NHS Foundation Trust', 'South East', NULL, 'Acute', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYV', 'Cambridgeshire Community Services NHS Trust', 'East of England', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYW', 'Birmingham Community Healthcare NHS Foundation Trust', 'Midlands', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYX', 'Central London Community Healthcare NHS Trust', 'London', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('RYY', 'Kent Community Health NHS Foundation Trust', 'South East', NULL, 'Community', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('TAD', 'Bradford District Care NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('TAF', 'Camden and Islington NHS Foundation Trust', 'London', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('TAH', 'Sheffield Health and Social Care NHS Foundation Trust', 'North East and Yorkshire', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('TAJ', 'Black Country Partnership NHS Foundation Trust', 'Midlands', NULL, 'Mental health', 'reference', '2026-11-26 17:00:43.862729+00');
INSERT INTO public.organisations VALUES ('XB1', 'Trust B', 'North West', NULL, 'Community', 'submission 1', '2026-11-26 17:00:44.370592+00');
INSERT INTO public.organisations VALUES ('RJ1', 'Guy''s and St Thomas'' NHS Foundation Trust', 'London', 'ICB Two', 'Acute', 'reference', '2026-11-26 17:00:44.370592+00');
INSERT INTO public.organisations VALUES ('XA1', 'Trust A renamed', 'London', 'ICB One', 'Acute', 'submission 2', '2026-11-26 17:00:45.150625+00');

INSERT INTO public.self_assessment_answers VALUES (1, 'named_executive', NULL, NULL);
INSERT INTO public.self_assessment_answers VALUES (1, 'lead_at_board', 'yes', 'every board');
INSERT INTO public.self_assessment_answers VALUES (1, 'ahps_in_plans', NULL, NULL);
INSERT INTO public.self_assessment_answers VALUES (1, 'professional_leads', NULL, NULL);
INSERT INTO public.self_assessment_answers VALUES (1, 'ahps_lead_improvement', NULL, NULL);
INSERT INTO public.self_assessment_answers VALUES (2, 'named_executive', 'no', NULL);
INSERT INTO public.self_assessment_answers VALUES (2, 'lead_at_board', 'partly', NULL);
INSERT INTO public.self_assessment_answers VALUES (2, 'ahps_in_plans', NULL, NULL);
INSERT INTO public.self_assessment_answers VALUES (2, 'professional_leads', NULL, NULL);
INSERT INTO public.self_assessment_answers VALUES (2, 'ahps_lead_improvement', NULL, NULL);

INSERT INTO public.self_assessments VALUES (1, 'XA1', '2024/25', 1, 'ann@example.nhs.uk', '2026-11-26 17:00:46.726535+00');
INSERT INTO public.self_assessments VALUES (2, 'XA1', '2024/25', 2, 'ann@example.nhs.uk', '2026-11-26 17:00:46.782471+00');

INSERT INTO public.sign_outs VALUES ('https://login.example/v2.0 ann', 1800000000);

INSERT INTO public.slices VALUES (1, 1, 'workforce', 'RJ1', '2024-03-01', 'month', '', 4, true);
INSERT INTO public.slices VALUES (2, 1, 'workforce', 'XA1', '2024-02-01', 'month', '', 4, true);
INSERT INTO public.slices VALUES (5, 1, 'leadership', 'RJ1', '2024-03-01', 'month', '', 1, true);
INSERT INTO public.slices VALUES (6, 1, 'leadership', 'XA1', '2024-03-01', 'month', '', 3, true);
INSERT INTO public.slices VALUES (7, 1, 'indicators', 'XA1', '2023-04-01', 'financial_year', 'Ward happiness', 1, true);
INSERT INTO public.slices VALUES (9, 1, 'indicators', 'XB1', '2023-04-01', 'financial_year', 'cqc_overall', 1, true);
INSERT INTO public.slices VALUES (3, 1, 'workforce', 'XA1', '2024-03-01', 'month', '', 4, false);
INSERT INTO public.slices VALUES (10, 2, 'workforce', 'XA1', '2024-03-01', 'month', '', 4, true);
INSERT INTO public.slices VALUES (8, 1, 'indicators', 'XA1', '2023-04-01', 'financial_year', 'cqc_overall', 1, false);
INSERT INTO public.slices VALUES (11, 2, 'indicators', 'XA1', '2023-04-01', 'financial_year', 'cqc_overall', 1, true);
INSERT INTO public.slices VALUES (12, 3, 'workforce', 'XB1', '2024-03-01', 'month', '', 4, false);
INSERT INTO public.slices VALUES (13, 3, 'workforce', 'XN1', '2024-03-01', 'month', '', 4, false);
INSERT INTO public.slices VALUES (4, 1, 'workforce', 'XB1', '2024-03-01', 'month', '', 4, true);

INSERT INTO public.store_meta VALUES ('data_version', 5);

INSERT INTO public.submission_files VALUES ('53f97d0e4ef008657cbee59d0523b32c3d3b8b7e4f6b28108458f76c242e117a', '\x7b22696e64696361746f7273223a205b7b2264656e6f6d696e61746f72223a204e614e2c2022696e64696361746f72223a20226371635f6f766572616c6c222c20226e756d657261746f72223a204e614e2c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032332d30342d3031222c2022706572696f645f74797065223a202266696e616e6369616c5f79656172222c202276616c7565223a2022322e30227d2c207b2264656e6f6d696e61746f72223a204e614e2c2022696e64696361746f72223a2022576172642068617070696e657373222c20226e756d657261746f72223a204e614e2c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032332d30342d3031222c2022706572696f645f74797065223a202266696e616e6369616c5f79656172222c202276616c7565223a2022372e35227d2c207b2264656e6f6d696e61746f72223a204e614e2c2022696e64696361746f72223a20226371635f6f766572616c6c222c20226e756d657261746f72223a204e614e2c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032332d30342d3031222c2022706572696f645f74797065223a202266696e616e6369616c5f79656172222c202276616c7565223a2022322e30227d5d2c20226c656164657273686970223a205b7b2262616e64223a204e614e2c2022626f6172645f726f6c65223a2022417474656e647320626f617264222c2022667465223a2022312e30222c20226a6f625f7469746c65223a2022506f73742031222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a204e614e2c20227265706f7274735f746f223a20224368696566206e75727365222c2022726f6c65223a2022436869656620414850222c20227374726174656769635f74696d655f706374223a202235302e30227d2c207b2262616e64223a204e614e2c2022626f6172645f726f6c65223a2022417474656e647320626f617264222c2022667465223a2022312e30222c20226a6f625f7469746c65223a2022506f73742032222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a204e614e2c20227265706f7274735f746f223a20224368696566206e75727365222c2022726f6c65223a20224c65616420414850222c20227374726174656769635f74696d655f706374223a202235302e30227d2c207b2262616e64223a204e614e2c2022626f6172645f726f6c65223a2022417474656e647320626f617264222c2022667465223a2022312e30222c20226a6f625f7469746c65223a2022506f73742033222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a204e614e2c20227265706f7274735f746f223a20224368696566206e75727365222c2022726f6c65223a202250726f66657373696f6e616c206c656164222c20227374726174656769635f74696d655f706374223a202235302e30227d2c207b2262616e64223a204e614e2c2022626f6172645f726f6c65223a2022417474656e647320626f617264222c2022667465223a2022312e30222c20226a6f625f7469746c65223a2022506f73742031222c20226f72675f636f6465223a2022524a31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a204e614e2c20227265706f7274735f746f223a20224368696566206e75727365222c2022726f6c65223a2022436869656620414850222c20227374726174656769635f74696d655f706374223a202235302e30227d5d2c20226f7267616e69736174696f6e73223a205b7b22696362223a2022494342204f6e65222c20226f72675f636f6465223a2022584131222c20226f72675f6e616d65223a202254727573742041222c2022726567696f6e223a20224c6f6e646f6e222c202274727573745f74797065223a20224163757465227d2c207b22696362223a204e614e2c20226f72675f636f6465223a2022584231222c20226f72675f6e616d65223a202254727573742042222c2022726567696f6e223a20224e6f7274682057657374222c202274727573745f74797065223a2022436f6d6d756e697479227d2c207b22696362223a20224943422054776f222c20226f72675f636f6465223a2022524a31222c20226f72675f6e616d65223a20224841434b4544222c2022726567696f6e223a20224e6f7274682057657374222c202274727573745f74797065223a2022416d62756c616e6365227d5d2c2022776f726b666f726365223a205b7b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30322d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30322d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30322d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30322d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022322e35222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022524a31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022322e35222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022524a31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022322e35222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022524a31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022322e35222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022524a31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d5d7d');
INSERT INTO public.submission_files VALUES ('7fe6c20a71645395716c6c4127014be4a6386000514ab0d9205877adebd8c08c', '\x7b22696e64696361746f7273223a205b7b2264656e6f6d696e61746f72223a204e614e2c2022696e64696361746f72223a20226371635f6f766572616c6c222c20226e756d657261746f72223a204e614e2c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032332d30342d3031222c2022706572696f645f74797065223a202266696e616e6369616c5f79656172222c202276616c7565223a2022332e30227d5d2c20226f7267616e69736174696f6e73223a205b7b22696362223a204e614e2c20226f72675f636f6465223a2022584131222c20226f72675f6e616d65223a2022547275737420412072656e616d6564222c2022726567696f6e223a204e614e2c202274727573745f74797065223a204e614e7d5d2c2022776f726b666f726365223a205b7b2262616e64223a202242616e642035222c2022667465223a2022342e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022342e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022342e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022342e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d5d7d');
INSERT INTO public.submission_files VALUES ('e1429dca2b9a2dc89a38dcbee7053d662740062c63bd6a8097f1d650d8a347c7', '\x7b226f7267616e69736174696f6e73223a205b7b22696362223a204e614e2c20226f72675f636f6465223a2022584e31222c20226f72675f6e616d65223a20224e6577207472757374222c2022726567696f6e223a20224c6f6e646f6e222c202274727573745f74797065223a204e614e7d5d2c2022776f726b666f726365223a205b7b2262616e64223a202242616e642035222c2022667465223a2022392e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022392e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022392e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022392e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584e31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584e31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584e31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584e31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d5d7d');

INSERT INTO public.submission_organisations VALUES (1, 'XA1', 'Trust A', 'London', 'ICB One', 'Acute');
INSERT INTO public.submission_organisations VALUES (1, 'XB1', 'Trust B', 'North West', NULL, 'Community');
INSERT INTO public.submission_organisations VALUES (1, 'RJ1', 'HACKED', 'North West', 'ICB Two', 'Ambulance');
INSERT INTO public.submission_organisations VALUES (2, 'XA1', 'Trust A renamed', NULL, NULL, NULL);
INSERT INTO public.submission_organisations VALUES (3, 'XN1', 'New trust', 'London', NULL, NULL);

INSERT INTO public.submissions VALUES (2, 'second.xlsx', '7fe6c20a71645395716c6c4127014be4a6386000514ab0d9205877adebd8c08c', 1000, 'bob', '2026-11-26 17:00:45.107723+00', 'current', '{"workforce": 4, "indicators": 1, "organisations": 1}', 0, '[]', NULL, NULL, NULL);
INSERT INTO public.submissions VALUES (3, 'third.xlsx', 'e1429dca2b9a2dc89a38dcbee7053d662740062c63bd6a8097f1d650d8a347c7', 1515, 'carol', '2026-11-26 17:00:45.723584+00', 'withdrawn', '{"workforce": 8, "organisations": 1}', 0, '[]', NULL, '2026-11-26 17:00:46.006515+00', 'dave');
INSERT INTO public.submissions VALUES (1, 'first.xlsx', '53f97d0e4ef008657cbee59d0523b32c3d3b8b7e4f6b28108458f76c242e117a', 4644, 'alice', '2026-11-26 17:00:44.302862+00', 'partly superseded', '{"workforce": 16, "leadership": 4, "indicators": 3, "organisations": 3}', 1, '[{"severity": "warning", "rule": "test_warning", "message": "warning 0", "fix": "", "file": "first.xlsx", "sheet": "Workforce", "row": 2, "column": null, "value": null, "count": 1, "rows": [], "values": []}]', 2, NULL, NULL);

INSERT INTO public.workforce VALUES (1, 1, 2, 'XA1', '2024-02-01', 'month', 'Physiotherapist', 'Band 5', 1, 1, 0);
INSERT INTO public.workforce VALUES (2, 1, 2, 'XA1', '2024-02-01', 'month', 'Physiotherapist', 'Band 6', 1, 1, 0);
INSERT INTO public.workforce VALUES (3, 1, 2, 'XA1', '2024-02-01', 'month', 'Dietitian', 'Band 5', 1, 1, 0);
INSERT INTO public.workforce VALUES (4, 1, 2, 'XA1', '2024-02-01', 'month', 'Dietitian', 'Band 6', 1, 1, 0);
INSERT INTO public.workforce VALUES (5, 1, 3, 'XA1', '2024-03-01', 'month', 'Physiotherapist', 'Band 5', 1, 1, 0);
INSERT INTO public.workforce VALUES (6, 1, 3, 'XA1', '2024-03-01', 'month', 'Physiotherapist', 'Band 6', 1, 1, 0);
INSERT INTO public.workforce VALUES (7, 1, 3, 'XA1', '2024-03-01', 'month', 'Dietitian', 'Band 5', 1, 1, 0);
INSERT INTO public.workforce VALUES (8, 1, 3, 'XA1', '2024-03-01', 'month', 'Dietitian', 'Band 6', 1, 1, 0);
INSERT INTO public.workforce VALUES (9, 1, 4, 'XB1', '2024-03-01', 'month', 'Physiotherapist', 'Band 5', 1, 1, 0);
INSERT INTO public.workforce VALUES (10, 1, 4, 'XB1', '2024-03-01', 'month', 'Physiotherapist', 'Band 6', 1, 1, 0);
INSERT INTO public.workforce VALUES (11, 1, 4, 'XB1', '2024-03-01', 'month', 'Dietitian', 'Band 5', 1, 1, 0);
INSERT INTO public.workforce VALUES (12, 1, 4, 'XB1', '2024-03-01', 'month', 'Dietitian', 'Band 6', 1, 1, 0);
INSERT INTO public.workforce VALUES (13, 1, 1, 'RJ1', '2024-03-01', 'month', 'Physiotherapist', 'Band 5', 2.5, 1, 0);
INSERT INTO public.workforce VALUES (14, 1, 1, 'RJ1', '2024-03-01', 'month', 'Physiotherapist', 'Band 6', 2.5, 1, 0);
INSERT INTO public.workforce VALUES (15, 1, 1, 'RJ1', '2024-03-01', 'month', 'Dietitian', 'Band 5', 2.5, 1, 0);
INSERT INTO public.workforce VALUES (16, 1, 1, 'RJ1', '2024-03-01', 'month', 'Dietitian', 'Band 6', 2.5, 1, 0);
INSERT INTO public.workforce VALUES (17, 2, 10, 'XA1', '2024-03-01', 'month', 'Physiotherapist', 'Band 5', 4, 1, 0);
INSERT INTO public.workforce VALUES (18, 2, 10, 'XA1', '2024-03-01', 'month', 'Physiotherapist', 'Band 6', 4, 1, 0);
INSERT INTO public.workforce VALUES (19, 2, 10, 'XA1', '2024-03-01', 'month', 'Dietitian', 'Band 5', 4, 1, 0);
INSERT INTO public.workforce VALUES (20, 2, 10, 'XA1', '2024-03-01', 'month', 'Dietitian', 'Band 6', 4, 1, 0);
INSERT INTO public.workforce VALUES (21, 3, 12, 'XB1', '2024-03-01', 'month', 'Physiotherapist', 'Band 5', 9, 1, 0);
INSERT INTO public.workforce VALUES (22, 3, 12, 'XB1', '2024-03-01', 'month', 'Physiotherapist', 'Band 6', 9, 1, 0);
INSERT INTO public.workforce VALUES (23, 3, 12, 'XB1', '2024-03-01', 'month', 'Dietitian', 'Band 5', 9, 1, 0);
INSERT INTO public.workforce VALUES (24, 3, 12, 'XB1', '2024-03-01', 'month', 'Dietitian', 'Band 6', 9, 1, 0);
INSERT INTO public.workforce VALUES (25, 3, 13, 'XN1', '2024-03-01', 'month', 'Physiotherapist', 'Band 5', 1, 1, 0);
INSERT INTO public.workforce VALUES (26, 3, 13, 'XN1', '2024-03-01', 'month', 'Physiotherapist', 'Band 6', 1, 1, 0);
INSERT INTO public.workforce VALUES (27, 3, 13, 'XN1', '2024-03-01', 'month', 'Dietitian', 'Band 5', 1, 1, 0);
INSERT INTO public.workforce VALUES (28, 3, 13, 'XN1', '2024-03-01', 'month', 'Dietitian', 'Band 6', 1, 1, 0);

SELECT pg_catalog.setval('public.indicator_values_id_seq', 4, true);

SELECT pg_catalog.setval('public.leadership_id_seq', 4, true);

SELECT pg_catalog.setval('public.self_assessments_id_seq', 2, true);

SELECT pg_catalog.setval('public.slices_id_seq', 13, true);

SELECT pg_catalog.setval('public.submissions_id_seq', 3, true);

SELECT pg_catalog.setval('public.workforce_id_seq', 28, true);

ALTER TABLE ONLY public.indicator_catalogue
    ADD CONSTRAINT indicator_catalogue_pkey PRIMARY KEY (code);

ALTER TABLE ONLY public.indicator_values
    ADD CONSTRAINT indicator_values_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.leadership
    ADD CONSTRAINT leadership_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.organisations
    ADD CONSTRAINT organisations_pkey PRIMARY KEY (org_code);

ALTER TABLE ONLY public.self_assessment_answers
    ADD CONSTRAINT self_assessment_answers_pkey PRIMARY KEY (assessment_id, question_id);

ALTER TABLE ONLY public.self_assessments
    ADD CONSTRAINT self_assessments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sign_outs
    ADD CONSTRAINT sign_outs_pkey PRIMARY KEY (subject);

ALTER TABLE ONLY public.slices
    ADD CONSTRAINT slices_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.store_meta
    ADD CONSTRAINT store_meta_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.submission_files
    ADD CONSTRAINT submission_files_pkey PRIMARY KEY (sha256);

ALTER TABLE ONLY public.submission_organisations
    ADD CONSTRAINT submission_organisations_pkey PRIMARY KEY (submission_id, org_code);

ALTER TABLE ONLY public.submissions
    ADD CONSTRAINT submissions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.self_assessments
    ADD CONSTRAINT uq_self_assessments_version UNIQUE (org_code, period, version);

ALTER TABLE ONLY public.workforce
    ADD CONSTRAINT workforce_pkey PRIMARY KEY (id);

CREATE INDEX ix_indicator_values_org_period ON public.indicator_values USING btree (org_code, period);

CREATE INDEX ix_indicator_values_slice_id ON public.indicator_values USING btree (slice_id);

CREATE INDEX ix_indicator_values_submission ON public.indicator_values USING btree (submission_id);

CREATE INDEX ix_leadership_org_period ON public.leadership USING btree (org_code, period);

CREATE INDEX ix_leadership_slice_id ON public.leadership USING btree (slice_id);

CREATE INDEX ix_leadership_submission ON public.leadership USING btree (submission_id);

CREATE INDEX ix_slices_active ON public.slices USING btree (active, table_name);

CREATE INDEX ix_slices_key ON public.slices USING btree (table_name, org_code, period, period_type, indicator);

CREATE INDEX ix_slices_submission_id ON public.slices USING btree (submission_id);

CREATE INDEX ix_submission_organisations_org_code ON public.submission_organisations USING btree (org_code);

CREATE INDEX ix_submissions_sha256 ON public.submissions USING btree (sha256);

CREATE INDEX ix_workforce_org_period ON public.workforce USING btree (org_code, period);

CREATE INDEX ix_workforce_slice_id ON public.workforce USING btree (slice_id);

CREATE INDEX ix_workforce_submission ON public.workforce USING btree (submission_id);

ALTER TABLE ONLY public.indicator_values
    ADD CONSTRAINT indicator_values_slice_id_fkey FOREIGN KEY (slice_id) REFERENCES public.slices(id);

ALTER TABLE ONLY public.indicator_values
    ADD CONSTRAINT indicator_values_submission_id_fkey FOREIGN KEY (submission_id) REFERENCES public.submissions(id);

ALTER TABLE ONLY public.leadership
    ADD CONSTRAINT leadership_slice_id_fkey FOREIGN KEY (slice_id) REFERENCES public.slices(id);

ALTER TABLE ONLY public.leadership
    ADD CONSTRAINT leadership_submission_id_fkey FOREIGN KEY (submission_id) REFERENCES public.submissions(id);

ALTER TABLE ONLY public.self_assessment_answers
    ADD CONSTRAINT self_assessment_answers_assessment_id_fkey FOREIGN KEY (assessment_id) REFERENCES public.self_assessments(id);

ALTER TABLE ONLY public.slices
    ADD CONSTRAINT slices_submission_id_fkey FOREIGN KEY (submission_id) REFERENCES public.submissions(id);

ALTER TABLE ONLY public.submission_organisations
    ADD CONSTRAINT submission_organisations_submission_id_fkey FOREIGN KEY (submission_id) REFERENCES public.submissions(id);

ALTER TABLE ONLY public.workforce
    ADD CONSTRAINT workforce_slice_id_fkey FOREIGN KEY (slice_id) REFERENCES public.slices(id);

ALTER TABLE ONLY public.workforce
    ADD CONSTRAINT workforce_submission_id_fkey FOREIGN KEY (submission_id) REFERENCES public.submissions(id);

