-- A person's e-mail address: where mail notifications go (SMTP channel of the notify component).
alter table org_person
  add column email text check (length(email) <= 120 and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$');
