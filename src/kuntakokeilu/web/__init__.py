"""The Django project: settings, URLs and the WSGI entry. The apps beside it are the thin shell."""
