"""The HTTP service: `transaudit serve` (Starlette + uvicorn, the `service` extra).

cli.py adds the subcommand, app.py builds the application, worker.py runs the checks in worker
processes, languagetool.py maps findings onto LanguageTool's API, reload.py keeps the glossary
current, page.html is the check page. See docs/service.md.
"""
