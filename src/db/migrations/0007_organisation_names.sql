-- The organisation directory (issue 6 §4): one entry per organisation name,
-- whatever its case, so two supervisors (or two imports) racing to add the
-- same organisation leave one row; the application also compares names
-- without accents before writing.
create unique index organisations_name_key on organisations (lower(name));
