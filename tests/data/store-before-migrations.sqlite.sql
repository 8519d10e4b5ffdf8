PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE store_meta (
	"key" TEXT NOT NULL, 
	value BIGINT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO store_meta VALUES('data_version',5);
CREATE TABLE organisations (
	org_code TEXT NOT NULL, 
	org_name TEXT, 
	region TEXT, 
	icb TEXT, 
	trust_type TEXT, 
	source TEXT NOT NULL, 
	updated_at DATETIME, 
	PRIMARY KEY (org_code)
);
INSERT INTO organisations VALUES('R0A','Manchester University NHS Foundation Trust','North West',NULL,NULL,'reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('R1A','Worcestershire Health and Care NHS Trust','Midlands',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('R1C','Solent NHS Trust','South East',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('R1D','Shropshire Community Health NHS Trust','Midlands',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('R1E','Staffordshire and Stoke on Trent Partnership NHS Trust','Midlands',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('R1F','Isle of Wight NHS Trust','South East',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('R1H','Barts Health NHS Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('R1J','Gloucestershire Care Services NHS Trust','South West',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('R1K','London North West University Healthcare NHS Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('R1L','Essex Partnership University NHS Foundation Trust','East of England',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RA2','Royal Surrey County Hospital NHS Foundation Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RA3','Weston Area Health NHS Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RA4','Yeovil District Hospital NHS Foundation Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RA7','University Hospitals Bristol NHS Foundation Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RA9','Torbay and South Devon NHS Foundation Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RAE','Bradford Teaching Hospitals NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RAJ','Southend University Hospital NHS Foundation Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RAL','Royal Free London NHS Foundation Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RAN','Royal National Orthopaedic Hospital NHS Trust','London',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RAP','North Middlesex University Hospital NHS Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RAS','The Hillingdon Hospitals NHS Foundation Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RAT','North East London NHS Foundation Trust','London',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RAX','Kingston Hospital NHS Foundation Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RBA','Taunton and Somerset NHS Foundation Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RBD','Dorset County Hospital NHS Foundation Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RBK','Walsall Healthcare NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RBL','Wirral University Teaching Hospital NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RBN','St Helens and Knowsley Hospital Services NHS Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RBQ','Liverpool Heart and Chest Hospital NHS Foundation Trust','North West',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RBS','Alder Hey Children''s NHS Foundation Trust','North West',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RBT','Mid Cheshire Hospitals NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RBV','The Christie NHS Foundation Trust','North West',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RBZ','Northern Devon Healthcare NHS Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RC1','Bedford Hospital NHS Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RC9','Luton and Dunstable University Hospital NHS Foundation Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RCB','York Teaching Hospital NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RCD','Harrogate and District NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RCF','Airedale NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RCU','Sheffield Children''s NHS Foundation Trust','North East and Yorkshire',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RCX','The Queen Elizabeth Hospital, King''s Lynn, NHS Foundation Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RD1','Royal United Hospitals Bath NHS Foundation Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RD3','Poole Hospital NHS Foundation Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RD8','Milton Keynes University Hospital NHS Foundation Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RDD','Basildon and Thurrock University Hospitals NHS Foundation Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RDE','East Suffolk and North Essex NHS Foundation Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RDR','Sussex Community NHS Foundation Trust','South East',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RDU','Frimley Health NHS Foundation Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RDY','Dorset Healthcare University NHS Foundation Trust','South West',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RDZ','The Royal Bournemouth and Christchurch Hospitals NHS Foundation Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RE9','South Tyneside NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('REF','Royal Cornwall Hospitals NHS Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('REM','Aintree University Hospital NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('REN','The Clatterbridge Cancer Centre NHS Foundation Trust','North West',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('REP','Liverpool Women''s NHS Foundation Trust','North West',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RET','The Walton Centre NHS Foundation Trust','North West',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RF4','Barking, Havering and Redbridge University Hospitals NHS Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RFF','Barnsley Hospital NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RFR','The Rotherham NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RFS','Chesterfield Royal Hospital NHS Foundation Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RGD','Leeds and York Partnership NHS Foundation Trust','North East and Yorkshire',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RGM','Royal Papworth Hospital NHS Foundation Trust','East of England',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RGN','North West Anglia NHS Foundation Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RGP','James Paget University Hospitals NHS Foundation Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RGR','West Suffolk NHS Foundation Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RGT','Cambridge University Hospitals NHS Foundation Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RH5','Somerset Partnership NHS Foundation Trust','South West',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RH8','Royal Devon and Exeter NHS Foundation Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RHA','Nottinghamshire Healthcare NHS Foundation Trust','Midlands',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RHM','University Hospital Southampton NHS Foundation Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RHQ','Sheffield Teaching Hospitals NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RHU','Portsmouth Hospitals NHS Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RHW','Royal Berkshire NHS Foundation Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RJ1','Guy''s and St Thomas'' NHS Foundation Trust','London','ICB Two','Acute','reference','2026-11-26 17:00:20.869756');
INSERT INTO organisations VALUES('RJ2','Lewisham and Greenwich NHS Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RJ6','Croydon Health Services NHS Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RJ7','St George''s University Hospitals NHS Foundation Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RJ8','Cornwall Partnership NHS Foundation Trust','South West',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RJC','South Warwickshire NHS Foundation Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RJD','Mid Staffordshire NHS Foundation Trust','Midlands',NULL,NULL,'reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RJE','University Hospitals of North Midlands NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RJL','Northern Lincolnshire and Goole NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RJN','East Cheshire NHS Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RJR','Countess of Chester Hospital NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RJZ','King''s College Hospital NHS Foundation Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RK5','Sherwood Forest Hospitals NHS Foundation Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RK9','University Hospitals Plymouth NHS Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RKB','University Hospitals Coventry and Warwickshire NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RKE','Whittington Health NHS Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RKL','West London Mental Health NHS Trust','London',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RL1','The Robert Jones and Agnes Hunt Orthopaedic Hospital NHS Foundation Trust','Midlands',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RL4','The Royal Wolverhampton NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RLN','City Hospitals Sunderland NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RLQ','Wye Valley NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RLT','George Eliot Hospital NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RLY','North Staffordshire Combined Healthcare NHS Trust','Midlands',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RM1','Norfolk and Norwich University Hospitals NHS Foundation Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RM3','Salford Royal NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RMC','Bolton NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RMP','Tameside and Glossop Integrated Care NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RMY','Norfolk and Suffolk NHS Foundation Trust','East of England',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RN3','Great Western Hospitals NHS Foundation Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RN5','Hampshire Hospitals NHS Foundation Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RN7','Dartford and Gravesham NHS Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RNA','The Dudley Group NHS Foundation Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RNK','Tavistock and Portman NHS Foundation Trust','London',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RNL','North Cumbria University Hospitals NHS Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RNN','Cumbria Partnership NHS Foundation Trust','North East and Yorkshire',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RNQ','Kettering General Hospital NHS Foundation Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RNS','Northampton General Hospital NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RNU','Oxford Health NHS Foundation Trust','South East',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RNZ','Salisbury NHS Foundation Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RP1','Northamptonshire Healthcare NHS Foundation Trust','Midlands',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RP4','Great Ormond Street Hospital for Children NHS Foundation Trust','London',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RP5','Doncaster and Bassetlaw Teaching Hospitals NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RP6','Moorfields Eye Hospital NHS Foundation Trust','London',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RP7','Lincolnshire Partnership NHS Foundation Trust','Midlands',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RPA','Medway NHS Foundation Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RPC','Queen Victoria Hospital NHS Foundation Trust','South East',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RPG','Oxleas NHS Foundation Trust','London',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RPY','The Royal Marsden NHS Foundation Trust','London',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RQ3','Birmingham Women''s and Children''s NHS Foundation Trust','Midlands',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RQ6','Royal Liverpool and Broadgreen University Hospitals NHS Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RQ8','Mid Essex Hospital Services NHS Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RQM','Chelsea and Westminster Hospital NHS Foundation Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RQW','The Princess Alexandra Hospital NHS Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RQX','Homerton University Hospital NHS Foundation Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RQY','South West London and St George''s Mental Health NHS Trust','London',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RR7','Gateshead Health NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RR8','Leeds Teaching Hospitals NHS Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RRE','Midlands Partnership NHS Foundation Trust','Midlands',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RRF','Wrightington, Wigan and Leigh NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RRJ','The Royal Orthopaedic Hospital NHS Foundation Trust','Midlands',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RRK','University Hospitals Birmingham NHS Foundation Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RRP','Barnet, Enfield and Haringey Mental Health NHS Trust','London',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RRU','London Ambulance Service NHS Trust','London',NULL,'Ambulance','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RRV','University College London Hospitals NHS Foundation Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RT1','Cambridgeshire and Peterborough NHS Foundation Trust','East of England',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RT2','Pennine Care NHS Foundation Trust','North West',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RT3','Royal Brompton & Harefield NHS Foundation Trust','London',NULL,'Acute specialist','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RT5','Leicestershire Partnership NHS Trust','Midlands',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RTD','The Newcastle upon Tyne Hospitals NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RTE','Gloucestershire Hospitals NHS Foundation Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RTF','Northumbria Healthcare NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RTG','University Hospitals of Derby and Burton NHS Foundation Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RTH','Oxford University Hospitals NHS Foundation Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RTK','Ashford and St Peter''s Hospitals NHS Foundation Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RTP','Surrey and Sussex Healthcare NHS Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RTQ','2gether NHS Foundation Trust','South West',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RTR','South Tees Hospitals NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RTV','North West Boroughs Healthcare NHS Foundation Trust','North West',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RTX','University Hospitals of Morecambe Bay NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RV3','Central and North West London NHS Foundation Trust','London',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RV5','South London and Maudsley NHS Foundation Trust','London',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RV9','Humber Teaching NHS Foundation Trust','North East and Yorkshire',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RVJ','North Bristol NHS Trust','South West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RVN','Avon and Wiltshire Mental Health Partnership NHS Trust','South West',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RVR','Epsom and St Helier University Hospitals NHS Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RVV','East Kent Hospitals University NHS Foundation Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RVW','North Tees and Hartlepool NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RVY','Southport and Ormskirk Hospital NHS Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RW1','Southern Health NHS Foundation Trust','South East',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RW4','Mersey Care NHS Foundation Trust','North West',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RW5','Lancashire Care NHS Foundation Trust','North West',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RW6','Pennine Acute Hospitals NHS Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWA','Hull and East Yorkshire Hospitals NHS Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWD','United Lincolnshire Hospitals NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWE','University Hospitals of Leicester NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWF','Maidstone and Tunbridge Wells NHS Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWG','West Hertfordshire Hospitals NHS Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWH','East and North Hertfordshire NHS Trust','East of England',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWJ','Stockport NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWK','East London NHS Foundation Trust','London',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWP','Worcestershire Acute Hospitals NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWR','Hertfordshire Partnership University NHS Foundation Trust','East of England',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWV','Devon Partnership NHS Trust','South West',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWW','Warrington and Halton Hospitals NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWX','Berkshire Healthcare NHS Foundation Trust','South East',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RWY','Calderdale and Huddersfield NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RX1','Nottingham University Hospitals NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RX2','Sussex Partnership NHS Foundation Trust','South East',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RX3','Tees, Esk and Wear Valleys NHS Foundation Trust','North East and Yorkshire',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RX4','Northumberland, Tyne and Wear NHS Foundation Trust','North East and Yorkshire',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RX6','North East Ambulance Service NHS Foundation Trust','North East and Yorkshire',NULL,'Ambulance','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RX7','North West Ambulance Service NHS Trust','North West',NULL,'Ambulance','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RX8','Yorkshire Ambulance Service NHS Trust','North East and Yorkshire',NULL,'Ambulance','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RX9','East Midlands Ambulance Service NHS Trust','Midlands',NULL,'Ambulance','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXA','Cheshire and Wirral Partnership NHS Foundation Trust','North West',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXC','East Sussex Healthcare NHS Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXE','Rotherham Doncaster and South Humber NHS Foundation Trust','North East and Yorkshire',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXF','Mid Yorkshire Hospitals NHS Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXG','South West Yorkshire Partnership NHS Foundation Trust','North East and Yorkshire',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXH','Brighton and Sussex University Hospitals NHS Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXK','Sandwell and West Birmingham Hospitals NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXL','Blackpool Teaching Hospitals NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXM','Derbyshire Healthcare NHS Foundation Trust','Midlands',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXN','Lancashire Teaching Hospitals NHS Foundation Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXP','County Durham and Darlington NHS Foundation Trust','North East and Yorkshire',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXQ','Buckinghamshire Healthcare NHS Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXR','East Lancashire Hospitals NHS Trust','North West',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXT','Birmingham and Solihull Mental Health NHS Foundation Trust','Midlands',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXV','Greater Manchester Mental Health NHS Foundation Trust','North West',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXW','Shrewsbury and Telford Hospital NHS Trust','Midlands',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXX','Surrey and Borders Partnership NHS Foundation Trust','South East',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RXY','Kent and Medway NHS and Social Care Partnership Trust','South East',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RY1','Liverpool Community Health NHS Trust','North West',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RY2','Bridgewater Community Healthcare NHS Foundation Trust','North West',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RY3','Norfolk Community Health and Care NHS Trust','East of England',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RY4','Hertfordshire Community NHS Trust','East of England',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RY5','Lincolnshire Community Health Services NHS Trust','Midlands',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RY6','Leeds Community Healthcare NHS Trust','North East and Yorkshire',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RY7','Wirral Community NHS Foundation Trust','North West',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RY8','Derbyshire Community Health Services NHS Foundation Trust','Midlands',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RY9','Hounslow and Richmond Community Healthcare NHS Trust','London',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYA','West Midlands Ambulance Service NHS Foundation Trust','Midlands',NULL,'Ambulance','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYC','East of England Ambulance Service NHS Trust','East of England',NULL,'Ambulance','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYD','South East Coast Ambulance Service NHS Foundation Trust','South East',NULL,'Ambulance','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYE','South Central Ambulance Service NHS Foundation Trust','South East',NULL,'Ambulance','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYF','South Western Ambulance Service NHS Foundation Trust','South West',NULL,'Ambulance','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYG','Coventry and Warwickshire Partnership NHS Trust','Midlands',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYJ','Imperial College Healthcare NHS Trust','London',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYK','Dudley and Walsall Mental Health Partnership NHS Trust','Midlands',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYR','Western Sussex Hospitals NHS Foundation Trust','South East',NULL,'Acute','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYV','Cambridgeshire Community Services NHS Trust','East of England',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYW','Birmingham Community Healthcare NHS Foundation Trust','Midlands',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYX','Central London Community Healthcare NHS Trust','London',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('RYY','Kent Community Health NHS Foundation Trust','South East',NULL,'Community','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('TAD','Bradford District Care NHS Foundation Trust','North East and Yorkshire',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('TAF','Camden and Islington NHS Foundation Trust','London',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('TAH','Sheffield Health and Social Care NHS Foundation Trust','North East and Yorkshire',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('TAJ','Black Country Partnership NHS Foundation Trust','Midlands',NULL,'Mental health','reference','2026-11-26 17:00:20.388699');
INSERT INTO organisations VALUES('XA1','Trust A renamed','London','ICB One','Acute','submission 2','2026-11-26 17:00:21.551637');
INSERT INTO organisations VALUES('XB1','Trust B','North West',NULL,'Community','submission 1','2026-11-26 17:00:20.869756');
CREATE TABLE submissions (
	id INTEGER NOT NULL, 
	file_name TEXT NOT NULL, 
	sha256 TEXT NOT NULL, 
	size BIGINT NOT NULL, 
	user_name TEXT NOT NULL, 
	submitted_at DATETIME NOT NULL, 
	status TEXT NOT NULL, 
	rows_json TEXT NOT NULL, 
	warnings_count INTEGER NOT NULL, 
	warnings_json TEXT NOT NULL, 
	superseded_by INTEGER, 
	withdrawn_at DATETIME, 
	withdrawn_by TEXT, 
	PRIMARY KEY (id)
);
INSERT INTO submissions VALUES(1,'first.xlsx','53f97d0e4ef008657cbee59d0523b32c3d3b8b7e4f6b28108458f76c242e117a',4644,'alice','2026-11-26 17:00:20.834522','partly superseded','{"workforce": 16, "leadership": 4, "indicators": 3, "organisations": 3}',1,'[{"severity": "warning", "rule": "test_warning", "message": "warning 0", "fix": "", "file": "first.xlsx", "sheet": "Workforce", "row": 2, "column": null, "value": null, "count": 1, "rows": [], "values": []}]',2,NULL,NULL);
INSERT INTO submissions VALUES(2,'second.xlsx','7fe6c20a71645395716c6c4127014be4a6386000514ab0d9205877adebd8c08c',1000,'bob','2026-11-26 17:00:21.495744','current','{"workforce": 4, "indicators": 1, "organisations": 1}',0,'[]',NULL,NULL,NULL);
INSERT INTO submissions VALUES(3,'third.xlsx','e1429dca2b9a2dc89a38dcbee7053d662740062c63bd6a8097f1d650d8a347c7',1515,'carol','2026-11-26 17:00:22.121238','withdrawn','{"workforce": 8, "organisations": 1}',0,'[]',NULL,'2026-11-26 17:00:22.413469','dave');
CREATE TABLE submission_files (
	sha256 TEXT NOT NULL, 
	content BLOB NOT NULL, 
	PRIMARY KEY (sha256)
);
INSERT INTO submission_files VALUES('53f97d0e4ef008657cbee59d0523b32c3d3b8b7e4f6b28108458f76c242e117a',X'7b22696e64696361746f7273223a205b7b2264656e6f6d696e61746f72223a204e614e2c2022696e64696361746f72223a20226371635f6f766572616c6c222c20226e756d657261746f72223a204e614e2c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032332d30342d3031222c2022706572696f645f74797065223a202266696e616e6369616c5f79656172222c202276616c7565223a2022322e30227d2c207b2264656e6f6d696e61746f72223a204e614e2c2022696e64696361746f72223a2022576172642068617070696e657373222c20226e756d657261746f72223a204e614e2c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032332d30342d3031222c2022706572696f645f74797065223a202266696e616e6369616c5f79656172222c202276616c7565223a2022372e35227d2c207b2264656e6f6d696e61746f72223a204e614e2c2022696e64696361746f72223a20226371635f6f766572616c6c222c20226e756d657261746f72223a204e614e2c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032332d30342d3031222c2022706572696f645f74797065223a202266696e616e6369616c5f79656172222c202276616c7565223a2022322e30227d5d2c20226c656164657273686970223a205b7b2262616e64223a204e614e2c2022626f6172645f726f6c65223a2022417474656e647320626f617264222c2022667465223a2022312e30222c20226a6f625f7469746c65223a2022506f73742031222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a204e614e2c20227265706f7274735f746f223a20224368696566206e75727365222c2022726f6c65223a2022436869656620414850222c20227374726174656769635f74696d655f706374223a202235302e30227d2c207b2262616e64223a204e614e2c2022626f6172645f726f6c65223a2022417474656e647320626f617264222c2022667465223a2022312e30222c20226a6f625f7469746c65223a2022506f73742032222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a204e614e2c20227265706f7274735f746f223a20224368696566206e75727365222c2022726f6c65223a20224c65616420414850222c20227374726174656769635f74696d655f706374223a202235302e30227d2c207b2262616e64223a204e614e2c2022626f6172645f726f6c65223a2022417474656e647320626f617264222c2022667465223a2022312e30222c20226a6f625f7469746c65223a2022506f73742033222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a204e614e2c20227265706f7274735f746f223a20224368696566206e75727365222c2022726f6c65223a202250726f66657373696f6e616c206c656164222c20227374726174656769635f74696d655f706374223a202235302e30227d2c207b2262616e64223a204e614e2c2022626f6172645f726f6c65223a2022417474656e647320626f617264222c2022667465223a2022312e30222c20226a6f625f7469746c65223a2022506f73742031222c20226f72675f636f6465223a2022524a31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a204e614e2c20227265706f7274735f746f223a20224368696566206e75727365222c2022726f6c65223a2022436869656620414850222c20227374726174656769635f74696d655f706374223a202235302e30227d5d2c20226f7267616e69736174696f6e73223a205b7b22696362223a2022494342204f6e65222c20226f72675f636f6465223a2022584131222c20226f72675f6e616d65223a202254727573742041222c2022726567696f6e223a20224c6f6e646f6e222c202274727573745f74797065223a20224163757465227d2c207b22696362223a204e614e2c20226f72675f636f6465223a2022584231222c20226f72675f6e616d65223a202254727573742042222c2022726567696f6e223a20224e6f7274682057657374222c202274727573745f74797065223a2022436f6d6d756e697479227d2c207b22696362223a20224943422054776f222c20226f72675f636f6465223a2022524a31222c20226f72675f6e616d65223a20224841434b4544222c2022726567696f6e223a20224e6f7274682057657374222c202274727573745f74797065223a2022416d62756c616e6365227d5d2c2022776f726b666f726365223a205b7b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30322d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30322d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30322d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30322d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022322e35222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022524a31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022322e35222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022524a31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022322e35222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022524a31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022322e35222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022524a31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d5d7d');
INSERT INTO submission_files VALUES('7fe6c20a71645395716c6c4127014be4a6386000514ab0d9205877adebd8c08c',X'7b22696e64696361746f7273223a205b7b2264656e6f6d696e61746f72223a204e614e2c2022696e64696361746f72223a20226371635f6f766572616c6c222c20226e756d657261746f72223a204e614e2c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032332d30342d3031222c2022706572696f645f74797065223a202266696e616e6369616c5f79656172222c202276616c7565223a2022332e30227d5d2c20226f7267616e69736174696f6e73223a205b7b22696362223a204e614e2c20226f72675f636f6465223a2022584131222c20226f72675f6e616d65223a2022547275737420412072656e616d6564222c2022726567696f6e223a204e614e2c202274727573745f74797065223a204e614e7d5d2c2022776f726b666f726365223a205b7b2262616e64223a202242616e642035222c2022667465223a2022342e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022342e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022342e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022342e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584131222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d5d7d');
INSERT INTO submission_files VALUES('e1429dca2b9a2dc89a38dcbee7053d662740062c63bd6a8097f1d650d8a347c7',X'7b226f7267616e69736174696f6e73223a205b7b22696362223a204e614e2c20226f72675f636f6465223a2022584e31222c20226f72675f6e616d65223a20224e6577207472757374222c2022726567696f6e223a20224c6f6e646f6e222c202274727573745f74797065223a204e614e7d5d2c2022776f726b666f726365223a205b7b2262616e64223a202242616e642035222c2022667465223a2022392e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022392e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022392e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022392e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584231222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584e31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584e31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202250687973696f746865726170697374222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642035222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584e31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d2c207b2262616e64223a202242616e642036222c2022667465223a2022312e30222c202268656164636f756e74223a2022312e30222c20226f72675f636f6465223a2022584e31222c2022706572696f64223a2022323032342d30332d3031222c2022706572696f645f74797065223a20226d6f6e7468222c202270726f66657373696f6e223a202244696574697469616e222c2022766163616e63795f667465223a2022302e30227d5d7d');
CREATE TABLE sign_outs (
	subject TEXT NOT NULL, 
	signed_out_at BIGINT NOT NULL, 
	PRIMARY KEY (subject)
);
INSERT INTO sign_outs VALUES('https://login.example/v2.0 ann',1800000000);
CREATE TABLE indicator_catalogue (
	code TEXT NOT NULL, 
	name TEXT NOT NULL, 
	domain TEXT, 
	unit TEXT, 
	higher_is_better BOOLEAN, 
	description TEXT, 
	custom BOOLEAN NOT NULL, 
	submission_id INTEGER, 
	PRIMARY KEY (code)
);
INSERT INTO indicator_catalogue VALUES('cqc_overall','CQC overall rating','Quality','rating',1,'Care Quality Commission overall rating of the trust, scored 0-3: Inadequate 0, Requires improvement 1, Good 2, Outstanding 3 (CQC inspection reports).',0,NULL);
INSERT INTO indicator_catalogue VALUES('cqc_well_led','CQC well-led rating','Well-led','rating',1,'CQC rating for the well-led key question (leadership, governance and culture), scored 0-3 from Inadequate to Outstanding (CQC inspection reports).',0,NULL);
INSERT INTO indicator_catalogue VALUES('shmi','Summary Hospital-level Mortality Indicator','Safety','ratio',0,'Ratio of actual to expected deaths in hospital or within 30 days of discharge; 1.0 is the England average (NHS Digital SHMI publication).',0,NULL);
INSERT INTO indicator_catalogue VALUES('readmissions_30d','Emergency readmissions within 30 days','Quality','%',0,'Percentage of discharges followed by an emergency readmission within 30 days (NHS Digital Compendium of Clinical and Health Indicators).',0,NULL);
INSERT INTO indicator_catalogue VALUES('fft_positive','Friends and Family Test positive responses','Patient experience','%',1,'Percentage of Friends and Family Test respondents who rated their experience good or very good (NHS England Friends and Family Test data).',0,NULL);
INSERT INTO indicator_catalogue VALUES('staff_engagement','Staff engagement score','Workforce','score',1,'Staff engagement theme score from 0 to 10, combining motivation, involvement and advocacy (NHS Staff Survey).',0,NULL);
INSERT INTO indicator_catalogue VALUES('ahp_able_to_improve','AHP staff able to make improvements in their area','Well-led','%',1,'Percentage of AHP respondents who agree they are able to make improvements happen in their area of work (NHS Staff Survey).',0,NULL);
INSERT INTO indicator_catalogue VALUES('staff_recommend_work','Staff recommending the trust as a place to work','Workforce','%',1,'Percentage of staff who would recommend the organisation as a place to work (NHS Staff Survey).',0,NULL);
INSERT INTO indicator_catalogue VALUES('sickness_absence','Sickness absence rate','Workforce','%',0,'FTE days lost to sickness absence as a percentage of FTE days available (NHS Digital NHS Sickness Absence Rates).',0,NULL);
INSERT INTO indicator_catalogue VALUES('turnover','Staff turnover rate','Workforce','%',0,'Staff leaving the trust in the last 12 months as a percentage of average staff in post (NHS Digital NHS Workforce Statistics).',0,NULL);
INSERT INTO indicator_catalogue VALUES('stability','Stability index','Workforce','%',1,'Percentage of staff in post at the start of the year who were still in post a year later (NHS Digital NHS Workforce Statistics).',0,NULL);
INSERT INTO indicator_catalogue VALUES('vacancy_rate_trust','Trust vacancy rate (all staff groups)','Workforce','%',0,'Vacant FTE as a percentage of the trust''s planned workforce across all staff groups (NHS Digital NHS Vacancy Statistics); not the AHP vacancy rate the application derives from returns.',0,NULL);
INSERT INTO indicator_catalogue VALUES('ae_4hr','A&E 4-hour performance','Access','%',1,'Percentage of A&E attendances admitted, transferred or discharged within four hours of arrival (NHS England monthly A&E attendances and emergency admissions statistics).',0,NULL);
INSERT INTO indicator_catalogue VALUES('rtt_18wk','Referral to treatment within 18 weeks','Access','%',1,'Percentage of patients on incomplete referral-to-treatment pathways waiting 18 weeks or less (NHS England consultant-led RTT waiting times statistics).',0,NULL);
INSERT INTO indicator_catalogue VALUES('diagnostic_6wk','Diagnostic tests within 6 weeks','Access','%',1,'Percentage of patients waiting less than six weeks for one of the 15 key diagnostic tests, many of them done by radiographers (NHS England monthly diagnostics waiting times, DM01).',0,NULL);
INSERT INTO indicator_catalogue VALUES('length_of_stay','Average length of stay','Productivity','days',0,'Mean number of days an admitted patient spends in hospital per spell (NHS Digital Hospital Episode Statistics).',0,NULL);
INSERT INTO indicator_catalogue VALUES('bed_occupancy','Bed occupancy rate','Productivity','%',NULL,'Percentage of available general and acute beds occupied overnight (NHS England KH03 bed availability and occupancy); neutral because very high occupancy harms patient flow while low occupancy can mean spare capacity.',0,NULL);
INSERT INTO indicator_catalogue VALUES('contacts_per_ahp_fte','Patient contacts per AHP FTE','Productivity','count',1,'Patient contacts delivered per full-time equivalent AHP in the period, from the trust''s own activity data; compare like with like, as case mix and contact length vary.',0,NULL);
INSERT INTO indicator_catalogue VALUES('cost_per_wau','Cost per weighted activity unit','Productivity','GBP',0,'Trust cost per unit of activity weighted for case mix, from the National Cost Collection via NHS England''s Model Health System (formerly Model Hospital).',0,NULL);
INSERT INTO indicator_catalogue VALUES('ahp_cost_per_1000_obd','AHP cost per 1000 occupied bed days','Finance','GBP',NULL,'AHP pay cost per 1,000 occupied bed days (Model Health System); direction is neutral because a low cost can mean efficiency or too little therapy, and a high cost can mean investment in rehabilitation or inefficiency.',0,NULL);
INSERT INTO indicator_catalogue VALUES('agency_spend_pct','Agency spend as a share of pay bill','Finance','%',0,'Spending on agency staff as a percentage of the trust''s total pay bill (NHS England agency spend data and trust accounts).',0,NULL);
INSERT INTO indicator_catalogue VALUES('surplus_deficit_pct','Surplus or deficit as a share of income','Finance','%',1,'Reported surplus (positive) or deficit (negative) as a percentage of operating income (trust annual accounts and NHS England financial performance reports).',0,NULL);
INSERT INTO indicator_catalogue VALUES('Ward happiness','Ward happiness',NULL,NULL,NULL,NULL,1,1);
CREATE TABLE self_assessments (
	id INTEGER NOT NULL, 
	org_code TEXT NOT NULL, 
	period TEXT NOT NULL, 
	version INTEGER NOT NULL, 
	submitted_by TEXT NOT NULL, 
	submitted_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_self_assessments_version UNIQUE (org_code, period, version)
);
INSERT INTO self_assessments VALUES(1,'XA1','2024/25',1,'ann@example.nhs.uk','2026-11-26 17:00:22.555665');
INSERT INTO self_assessments VALUES(2,'XA1','2024/25',2,'ann@example.nhs.uk','2026-11-26 17:00:22.593575');
CREATE TABLE submission_organisations (
	submission_id INTEGER NOT NULL, 
	org_code TEXT NOT NULL, 
	org_name TEXT, 
	region TEXT, 
	icb TEXT, 
	trust_type TEXT, 
	PRIMARY KEY (submission_id, org_code), 
	FOREIGN KEY(submission_id) REFERENCES submissions (id)
);
INSERT INTO submission_organisations VALUES(1,'XA1','Trust A','London','ICB One','Acute');
INSERT INTO submission_organisations VALUES(1,'XB1','Trust B','North West',NULL,'Community');
INSERT INTO submission_organisations VALUES(1,'RJ1','HACKED','North West','ICB Two','Ambulance');
INSERT INTO submission_organisations VALUES(2,'XA1','Trust A renamed',NULL,NULL,NULL);
INSERT INTO submission_organisations VALUES(3,'XN1','New trust','London',NULL,NULL);
CREATE TABLE slices (
	id INTEGER NOT NULL, 
	submission_id INTEGER NOT NULL, 
	table_name TEXT NOT NULL, 
	org_code TEXT NOT NULL, 
	period DATE NOT NULL, 
	period_type TEXT NOT NULL, 
	indicator TEXT NOT NULL, 
	rows INTEGER NOT NULL, 
	active BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(submission_id) REFERENCES submissions (id)
);
INSERT INTO slices VALUES(1,1,'workforce','RJ1','2024-03-01','month','',4,1);
INSERT INTO slices VALUES(2,1,'workforce','XA1','2024-02-01','month','',4,1);
INSERT INTO slices VALUES(3,1,'workforce','XA1','2024-03-01','month','',4,0);
INSERT INTO slices VALUES(4,1,'workforce','XB1','2024-03-01','month','',4,1);
INSERT INTO slices VALUES(5,1,'leadership','RJ1','2024-03-01','month','',1,1);
INSERT INTO slices VALUES(6,1,'leadership','XA1','2024-03-01','month','',3,1);
INSERT INTO slices VALUES(7,1,'indicators','XA1','2023-04-01','financial_year','Ward happiness',1,1);
INSERT INTO slices VALUES(8,1,'indicators','XA1','2023-04-01','financial_year','cqc_overall',1,0);
INSERT INTO slices VALUES(9,1,'indicators','XB1','2023-04-01','financial_year','cqc_overall',1,1);
INSERT INTO slices VALUES(10,2,'workforce','XA1','2024-03-01','month','',4,1);
INSERT INTO slices VALUES(11,2,'indicators','XA1','2023-04-01','financial_year','cqc_overall',1,1);
INSERT INTO slices VALUES(12,3,'workforce','XB1','2024-03-01','month','',4,0);
INSERT INTO slices VALUES(13,3,'workforce','XN1','2024-03-01','month','',4,0);
CREATE TABLE self_assessment_answers (
	assessment_id INTEGER NOT NULL, 
	question_id TEXT NOT NULL, 
	answer TEXT, 
	note TEXT, 
	PRIMARY KEY (assessment_id, question_id), 
	FOREIGN KEY(assessment_id) REFERENCES self_assessments (id)
);
INSERT INTO self_assessment_answers VALUES(1,'named_executive',NULL,NULL);
INSERT INTO self_assessment_answers VALUES(1,'lead_at_board','yes','every board');
INSERT INTO self_assessment_answers VALUES(1,'ahps_in_plans',NULL,NULL);
INSERT INTO self_assessment_answers VALUES(1,'professional_leads',NULL,NULL);
INSERT INTO self_assessment_answers VALUES(1,'ahps_lead_improvement',NULL,NULL);
INSERT INTO self_assessment_answers VALUES(2,'named_executive','no',NULL);
INSERT INTO self_assessment_answers VALUES(2,'lead_at_board','partly',NULL);
INSERT INTO self_assessment_answers VALUES(2,'ahps_in_plans',NULL,NULL);
INSERT INTO self_assessment_answers VALUES(2,'professional_leads',NULL,NULL);
INSERT INTO self_assessment_answers VALUES(2,'ahps_lead_improvement',NULL,NULL);
CREATE TABLE workforce (
	id INTEGER NOT NULL, 
	submission_id INTEGER NOT NULL, 
	slice_id INTEGER NOT NULL, 
	org_code TEXT NOT NULL, 
	period DATE NOT NULL, 
	period_type TEXT NOT NULL, 
	profession TEXT, 
	band TEXT, 
	fte DOUBLE, 
	headcount DOUBLE, 
	vacancy_fte DOUBLE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(submission_id) REFERENCES submissions (id), 
	FOREIGN KEY(slice_id) REFERENCES slices (id)
);
INSERT INTO workforce VALUES(1,1,2,'XA1','2024-02-01','month','Physiotherapist','Band 5',1.0,1.0,0.0);
INSERT INTO workforce VALUES(2,1,2,'XA1','2024-02-01','month','Physiotherapist','Band 6',1.0,1.0,0.0);
INSERT INTO workforce VALUES(3,1,2,'XA1','2024-02-01','month','Dietitian','Band 5',1.0,1.0,0.0);
INSERT INTO workforce VALUES(4,1,2,'XA1','2024-02-01','month','Dietitian','Band 6',1.0,1.0,0.0);
INSERT INTO workforce VALUES(5,1,3,'XA1','2024-03-01','month','Physiotherapist','Band 5',1.0,1.0,0.0);
INSERT INTO workforce VALUES(6,1,3,'XA1','2024-03-01','month','Physiotherapist','Band 6',1.0,1.0,0.0);
INSERT INTO workforce VALUES(7,1,3,'XA1','2024-03-01','month','Dietitian','Band 5',1.0,1.0,0.0);
INSERT INTO workforce VALUES(8,1,3,'XA1','2024-03-01','month','Dietitian','Band 6',1.0,1.0,0.0);
INSERT INTO workforce VALUES(9,1,4,'XB1','2024-03-01','month','Physiotherapist','Band 5',1.0,1.0,0.0);
INSERT INTO workforce VALUES(10,1,4,'XB1','2024-03-01','month','Physiotherapist','Band 6',1.0,1.0,0.0);
INSERT INTO workforce VALUES(11,1,4,'XB1','2024-03-01','month','Dietitian','Band 5',1.0,1.0,0.0);
INSERT INTO workforce VALUES(12,1,4,'XB1','2024-03-01','month','Dietitian','Band 6',1.0,1.0,0.0);
INSERT INTO workforce VALUES(13,1,1,'RJ1','2024-03-01','month','Physiotherapist','Band 5',2.5,1.0,0.0);
INSERT INTO workforce VALUES(14,1,1,'RJ1','2024-03-01','month','Physiotherapist','Band 6',2.5,1.0,0.0);
INSERT INTO workforce VALUES(15,1,1,'RJ1','2024-03-01','month','Dietitian','Band 5',2.5,1.0,0.0);
INSERT INTO workforce VALUES(16,1,1,'RJ1','2024-03-01','month','Dietitian','Band 6',2.5,1.0,0.0);
INSERT INTO workforce VALUES(17,2,10,'XA1','2024-03-01','month','Physiotherapist','Band 5',4.0,1.0,0.0);
INSERT INTO workforce VALUES(18,2,10,'XA1','2024-03-01','month','Physiotherapist','Band 6',4.0,1.0,0.0);
INSERT INTO workforce VALUES(19,2,10,'XA1','2024-03-01','month','Dietitian','Band 5',4.0,1.0,0.0);
INSERT INTO workforce VALUES(20,2,10,'XA1','2024-03-01','month','Dietitian','Band 6',4.0,1.0,0.0);
INSERT INTO workforce VALUES(21,3,12,'XB1','2024-03-01','month','Physiotherapist','Band 5',9.0,1.0,0.0);
INSERT INTO workforce VALUES(22,3,12,'XB1','2024-03-01','month','Physiotherapist','Band 6',9.0,1.0,0.0);
INSERT INTO workforce VALUES(23,3,12,'XB1','2024-03-01','month','Dietitian','Band 5',9.0,1.0,0.0);
INSERT INTO workforce VALUES(24,3,12,'XB1','2024-03-01','month','Dietitian','Band 6',9.0,1.0,0.0);
INSERT INTO workforce VALUES(25,3,13,'XN1','2024-03-01','month','Physiotherapist','Band 5',1.0,1.0,0.0);
INSERT INTO workforce VALUES(26,3,13,'XN1','2024-03-01','month','Physiotherapist','Band 6',1.0,1.0,0.0);
INSERT INTO workforce VALUES(27,3,13,'XN1','2024-03-01','month','Dietitian','Band 5',1.0,1.0,0.0);
INSERT INTO workforce VALUES(28,3,13,'XN1','2024-03-01','month','Dietitian','Band 6',1.0,1.0,0.0);
CREATE TABLE leadership (
	id INTEGER NOT NULL, 
	submission_id INTEGER NOT NULL, 
	slice_id INTEGER NOT NULL, 
	org_code TEXT NOT NULL, 
	period DATE NOT NULL, 
	period_type TEXT NOT NULL, 
	role TEXT, 
	job_title TEXT, 
	profession TEXT, 
	band TEXT, 
	fte DOUBLE, 
	strategic_time_pct DOUBLE, 
	board_role TEXT, 
	reports_to TEXT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(submission_id) REFERENCES submissions (id), 
	FOREIGN KEY(slice_id) REFERENCES slices (id)
);
INSERT INTO leadership VALUES(1,1,6,'XA1','2024-03-01','month','Chief AHP','Post 1',NULL,NULL,1.0,50.0,'Attends board','Chief nurse');
INSERT INTO leadership VALUES(2,1,6,'XA1','2024-03-01','month','Lead AHP','Post 2',NULL,NULL,1.0,50.0,'Attends board','Chief nurse');
INSERT INTO leadership VALUES(3,1,6,'XA1','2024-03-01','month','Professional lead','Post 3',NULL,NULL,1.0,50.0,'Attends board','Chief nurse');
INSERT INTO leadership VALUES(4,1,5,'RJ1','2024-03-01','month','Chief AHP','Post 1',NULL,NULL,1.0,50.0,'Attends board','Chief nurse');
CREATE TABLE indicator_values (
	id INTEGER NOT NULL, 
	submission_id INTEGER NOT NULL, 
	slice_id INTEGER NOT NULL, 
	org_code TEXT NOT NULL, 
	period DATE NOT NULL, 
	period_type TEXT NOT NULL, 
	indicator TEXT, 
	value DOUBLE, 
	numerator DOUBLE, 
	denominator DOUBLE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(submission_id) REFERENCES submissions (id), 
	FOREIGN KEY(slice_id) REFERENCES slices (id)
);
INSERT INTO indicator_values VALUES(1,1,8,'XA1','2023-04-01','financial_year','cqc_overall',2.0,NULL,NULL);
INSERT INTO indicator_values VALUES(2,1,7,'XA1','2023-04-01','financial_year','Ward happiness',7.5,NULL,NULL);
INSERT INTO indicator_values VALUES(3,1,9,'XB1','2023-04-01','financial_year','cqc_overall',2.0,NULL,NULL);
INSERT INTO indicator_values VALUES(4,2,11,'XA1','2023-04-01','financial_year','cqc_overall',3.0,NULL,NULL);
CREATE INDEX ix_submissions_sha256 ON submissions (sha256);
CREATE INDEX ix_submission_organisations_org_code ON submission_organisations (org_code);
CREATE INDEX ix_slices_key ON slices (table_name, org_code, period, period_type, indicator);
CREATE INDEX ix_slices_submission_id ON slices (submission_id);
CREATE INDEX ix_slices_active ON slices (active, table_name);
CREATE INDEX ix_workforce_slice_id ON workforce (slice_id);
CREATE INDEX ix_workforce_org_period ON workforce (org_code, period);
CREATE INDEX ix_workforce_submission ON workforce (submission_id);
CREATE INDEX ix_leadership_org_period ON leadership (org_code, period);
CREATE INDEX ix_leadership_submission ON leadership (submission_id);
CREATE INDEX ix_leadership_slice_id ON leadership (slice_id);
CREATE INDEX ix_indicator_values_slice_id ON indicator_values (slice_id);
CREATE INDEX ix_indicator_values_submission ON indicator_values (submission_id);
CREATE INDEX ix_indicator_values_org_period ON indicator_values (org_code, period);
COMMIT;
