"""The docker-compose stack, checked by reading its files: no Docker engine is needed.

Each test takes something the stack names (a service, a module, a command, an option, a variable) and
checks that it exists in the project or the installed packages, so a typo fails here rather than
when the stack starts.
"""

import ast
import importlib.util
import json
import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import click
import pytest
import yaml
from celery import Celery
from celery.app.utils import find_app
from celery.bin.celery import celery as celery_cli
from celery.utils.imports import symbol_by_name
from celery.worker.control import Panel
from django.core.management import get_commands, load_command_class
from django.urls import resolve
from gunicorn.config import KNOWN_SETTINGS

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
SETTINGS_DIR = ROOT / "almo_portal" / "settings"

APP_SERVICES = {"web", "worker", "beat", "migrate"}
REQUIRED_SERVICES = {"db", "redis", "web", "worker", "beat"}
WEB_PORT = 8000
# Variables read by something other than Django's settings.
READ_OUTSIDE_SETTINGS = {
    "DJANGO_SETTINGS_MODULE": "Django, to choose the settings",
    "WEB_CONCURRENCY": "gunicorn, for its number of workers",
}

# A setting read through django-environ: env("X", ...), env.bool("X", ...), env.db("X", ...) and so on.
ENV_READ = re.compile(r"\benv(?:\.\w+)?\(\s*[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']")
# A variable line in .env.example, set (NAME=value) or commented out (# NAME=value).
ENV_LINE = re.compile(r"^(?P<commented>#\s*)?(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$")
# A compose interpolation: ${NAME}, ${NAME:-default}, ${NAME:?error} or $NAME, but not $$NAME.
COMPOSE_VARIABLE = re.compile(r"(?<!\$)\$(?:\{(?P<braced>[A-Za-z_]\w*)(?P<rest>[^}]*)\}|(?P<bare>[A-Za-z_]\w*))")


# Reading the files


def load_compose():
    return yaml.safe_load(COMPOSE_FILE.read_text())


def services():
    return load_compose()["services"]


def read_env_example():
    """Return {name: (value, set)} for .env.example, where set is False for a commented-out line."""
    variables = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = ENV_LINE.match(line.strip())
        if match:
            variables[match["name"]] = (match["value"], not match["commented"])
    return variables


def settings_env_reads(*filenames):
    found = set()
    for filename in filenames:
        found |= set(ENV_READ.findall((SETTINGS_DIR / filename).read_text()))
    return found


def compose_variables():
    """Return {name: has_default} for every variable docker-compose.yml interpolates."""
    found = {}
    for match in COMPOSE_VARIABLE.finditer(COMPOSE_FILE.read_text()):
        name = match["braced"] or match["bare"]
        rest = match["rest"] or ""
        found[name] = found.get(name, False) or rest.startswith(("-", ":-"))
    return found


def interpolate(text):
    """Replace compose interpolations with a plain placeholder, so URLs can be parsed."""
    return COMPOSE_VARIABLE.sub("placeholder", text)


def settings_assignment(filename, name):
    """The literal value assigned to a name in a settings file, read without importing it."""
    for node in ast.parse((SETTINGS_DIR / filename).read_text()).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    pytest.fail(f"{filename} does not set {name}")


def secret_key_minimum_length():
    """The shortest secret key production settings accept."""
    return int(re.search(r"len\(SECRET_KEY\) < (\d+)", (SETTINGS_DIR / "production.py").read_text())[1])


def dockerfile_instructions():
    """Return (INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    instructions, current = [], ""
    for line in DOCKERFILE.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or not (stripped or current):
            continue
        current += " " + stripped.removesuffix("\\") if current else stripped.removesuffix("\\")
        if not stripped.endswith("\\"):
            keyword, _, arguments = current.partition(" ")
            instructions.append((keyword.upper(), arguments.strip()))
            current = ""
    return instructions


def final_stage(instructions):
    """The instructions of the last build stage: the image that runs."""
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def dockerfile_cmd():
    cmds = [arguments for keyword, arguments in final_stage(dockerfile_instructions()) if keyword == "CMD"]
    assert cmds, "the Dockerfile has no CMD"
    return json.loads(cmds[-1])


def as_argv(command):
    return shlex.split(command) if isinstance(command, str) else [str(part) for part in command]


def healthcheck_argv(service):
    test = service["healthcheck"]["test"]
    if isinstance(test, str):
        return shlex.split(test.replace("$$", "$"))
    kind, *rest = test
    if kind == "CMD-SHELL":
        return shlex.split(" ".join(rest).replace("$$", "$"))
    assert kind == "CMD", f"unexpected health check form {kind!r}"
    return [str(part) for part in rest]


def service_command_lines(service):
    lines = []
    if "command" in service:
        lines.append(as_argv(service["command"]))
    if "healthcheck" in service:
        lines.append(healthcheck_argv(service))
    return lines


# Checking what a command line names


def module_defines(module_name, attribute):
    """Whether a module binds a top-level name, read from its source so nothing is imported."""
    spec = importlib.util.find_spec(module_name)
    assert spec is not None, f"no module {module_name}"
    if spec.submodule_search_locations is not None and importlib.util.find_spec(f"{module_name}.{attribute}"):
        return True
    tree = ast.parse(Path(spec.origin).read_text())
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.name == attribute:
            return True
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(target, ast.Name) and target.id == attribute for target in targets):
                return True
        if isinstance(node, ast.Import | ast.ImportFrom):
            if any((alias.asname or alias.name.split(".")[0]) == attribute for alias in node.names):
                return True
    return False


def option_names(command):
    names = set()
    for param in command.params:
        if isinstance(param, click.Option):
            names.update(param.opts + param.secondary_opts)
    return names


def check_options(argv, known, what):
    for token in argv:
        if token.startswith("-") and token != "-":
            name = token.split("=", 1)[0]
            assert name in known, f"{what} has no option {name}"


def check_gunicorn(argv):
    apps = [token for token in argv[1:] if re.fullmatch(r"[A-Za-z_][\w.]*:[A-Za-z_][\w.]*", token)]
    assert len(apps) == 1, f"gunicorn needs exactly one MODULE:OBJECT, got {argv}"
    module_name, attribute = apps[0].split(":")
    # Found, not imported: the WSGI module loads production settings when imported.
    assert importlib.util.find_spec(module_name) is not None, f"gunicorn names a missing module {module_name}"
    assert module_defines(module_name, attribute), f"{module_name} has no {attribute}"
    check_options(argv[1:], {flag for setting in KNOWN_SETTINGS for flag in (setting.cli or [])}, "gunicorn")


def parse_celery(argv):
    """Split `celery -A APP SUBCOMMAND ...` into the app, the subcommand and its arguments."""
    assert argv[1] in ("-A", "--app") and len(argv) > 3, f"expected `celery -A APP SUBCOMMAND ...`, got {argv}"
    return argv[2], argv[3], argv[4:]


def check_celery(argv):
    app_name, subcommand, arguments = parse_celery(argv)
    app = find_app(app_name)  # the way `celery -A` finds it
    assert isinstance(app, Celery), f"-A {app_name} does not name a Celery app"
    assert app is importlib.import_module("almo_portal.celery").app
    assert subcommand in celery_cli.commands, f"celery has no subcommand {subcommand}"
    command = celery_cli.commands[subcommand]
    check_options(arguments, option_names(command), f"celery {subcommand}")
    if subcommand == "inspect":
        action = next(token for token in arguments if not token.startswith("-"))
        assert action in Panel.meta and Panel.meta[action].type == "inspect", f"no inspect action {action}"
    for flag in ("--scheduler", "-S"):
        if flag in arguments:
            scheduler = arguments[arguments.index(flag) + 1]
            assert symbol_by_name(scheduler), f"no scheduler {scheduler}"


def check_manage(argv):
    subcommand, arguments = argv[2], argv[3:]
    commands = get_commands()
    assert subcommand in commands, f"manage.py has no command {subcommand}"
    # Parsing the arguments rejects an unknown option, as manage.py would.
    load_command_class(commands[subcommand], subcommand).create_parser("manage.py", subcommand).parse_args(arguments)


def check_python_code(code):
    tree = ast.parse(code)  # a syntax error fails here
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert importlib.util.find_spec(alias.name), f"the code imports a missing module {alias.name}"
        elif isinstance(node, ast.ImportFrom):
            assert importlib.util.find_spec(node.module), f"the code imports a missing module {node.module}"
            for alias in node.names:
                assert module_defines(node.module, alias.name), f"{node.module} has no {alias.name}"


def check_command_line(argv):
    """Check every module, object, subcommand and option a command line names. Return what it runs."""
    program = Path(argv[0]).name
    if program == "gunicorn":
        check_gunicorn(argv)
        return "gunicorn"
    if program == "celery":
        check_celery(argv)
        return f"celery {parse_celery(argv)[1]}"
    if program == "python" and argv[1:2] == ["manage.py"]:
        check_manage(argv)
        return f"manage.py {argv[2]}"
    if program == "python" and argv[1:2] == ["-c"]:
        check_python_code(argv[2])
        return "python -c"
    return program  # not a project command: pg_isready, redis-cli


# The services


def test_the_services_exist():
    assert REQUIRED_SERVICES <= set(services())


def test_every_service_but_the_one_off_migration_has_a_health_check():
    for name, service in services().items():
        if name == "migrate":
            continue
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"
        assert service["healthcheck"]["test"] != ["NONE"], f"{name} turns its health check off"


def test_the_app_services_run_the_project_image_with_production_settings():
    for name in APP_SERVICES & set(services()):
        service = services()[name]
        assert service.get("build") == ".", f"{name} is not built from the Dockerfile"
        assert service.get("env_file") in (".env", [".env"]), f"{name} does not read .env"
        module = service["environment"]["DJANGO_SETTINGS_MODULE"]
        assert module == "almo_portal.settings.production", f"{name} runs {module}"
        assert importlib.util.find_spec(module), f"no settings module {module}"


def test_each_command_names_modules_commands_and_options_that_exist():
    ran = {}
    for name, service in services().items():
        if name not in APP_SERVICES:
            continue
        for argv in service_command_lines(service):
            ran.setdefault(name, []).append(check_command_line(argv))
    # Each app service runs what it should, in a form the checks above understand, so none goes unchecked.
    assert ran == {
        "web": ["gunicorn", "python -c"],
        "worker": ["celery worker", "celery inspect"],
        "beat": ["celery beat", "celery inspect"],
        "migrate": ["manage.py migrate"],
    }


def test_the_migration_runs_before_the_app_starts():
    stack = services()
    assert as_argv(stack["migrate"]["command"])[1:4] == ["manage.py", "migrate", "--noinput"]
    # A restart policy would run the finished migration again and again.
    assert str(stack["migrate"].get("restart", "no")) == "no"
    for name in ("web", "worker", "beat"):
        depends_on = stack[name]["depends_on"]
        assert depends_on["migrate"]["condition"] == "service_completed_successfully", name


def test_depends_on_names_real_services_and_waits_for_health():
    stack = services()
    for name, service in stack.items():
        for target, condition in service.get("depends_on", {}).items():
            assert target in stack, f"{name} depends on a missing service {target}"
            condition = condition["condition"]
            assert condition in ("service_started", "service_healthy", "service_completed_successfully")
            if condition == "service_healthy":
                assert "healthcheck" in stack[target], f"{name} waits for {target}, which has no health check"
    assert stack["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_the_web_port_mapping_targets_gunicorn():
    web = services()["web"]
    targets = []
    for port in web["ports"]:
        if isinstance(port, dict):
            targets.append(int(port["target"]))
        else:
            targets.append(int(str(port).split("/")[0].rsplit(":", 1)[-1]))
    assert targets == [WEB_PORT]
    argv = as_argv(web["command"])
    assert argv[argv.index("--bind") + 1].endswith(f":{WEB_PORT}")


def test_the_web_health_check_reaches_the_health_page_without_a_redirect():
    code = healthcheck_argv(services()["web"])[-1]
    url = re.search(r"https?://[^'\"]+", code)[0]
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.port == WEB_PORT
    assert resolve(parts.path).url_name == "health"
    assert "format=json" in parts.query
    # Production settings redirect to HTTPS except for the paths in SECURE_REDIRECT_EXEMPT.
    exempt = settings_assignment("production.py", "SECURE_REDIRECT_EXEMPT")
    assert any(re.search(pattern, parts.path.lstrip("/")) for pattern in exempt)
    # Production settings refuse a Host header outside DJANGO_ALLOWED_HOSTS.
    assert "'Host'" in code and "DJANGO_ALLOWED_HOSTS" in code


def destination(argv):
    flag = "-d" if "-d" in argv else "--destination"
    return argv[argv.index(flag) + 1]


def test_the_celery_health_checks_ping_the_node_the_service_runs():
    stack = services()
    worker = as_argv(stack["worker"]["command"])
    assert "-n" not in worker and "--hostname" not in worker, "the worker health check assumes the default name"
    assert destination(healthcheck_argv(stack["worker"])) == "celery@$HOSTNAME"
    beat = as_argv(stack["beat"]["command"])
    assert "--enable-remote-control" in beat, "beat answers ping only with remote control on"
    assert destination(healthcheck_argv(stack["beat"])) == "celerybeat@$HOSTNAME"


def test_the_database_health_check_and_urls_match_the_db_service():
    stack = services()
    db = stack["db"]["environment"]
    argv = healthcheck_argv(stack["db"])
    assert argv[0] == "pg_isready"
    assert argv[argv.index("-U") + 1] == db["POSTGRES_USER"]
    assert argv[argv.index("-d") + 1] == db["POSTGRES_DB"]
    for name in APP_SERVICES:
        environment = stack[name]["environment"]
        database = urlsplit(interpolate(environment["DATABASE_URL"]))
        assert database.scheme in ("postgres", "postgresql")
        assert (database.hostname, database.port) == ("db", 5432)
        assert database.username == db["POSTGRES_USER"]
        assert database.path.lstrip("/") == db["POSTGRES_DB"]
        assert "${POSTGRES_PASSWORD" in environment["DATABASE_URL"]
        assert "${POSTGRES_PASSWORD" in db["POSTGRES_PASSWORD"]
        for variable in ("REDIS_URL", "CELERY_BROKER_URL"):
            redis = urlsplit(environment[variable])
            assert redis.scheme == "redis" and redis.hostname in stack, f"{variable} points at no service"
            assert stack[redis.hostname]["image"].startswith("redis"), f"{variable} points at {redis.hostname}"


def test_data_lives_in_named_volumes():
    compose = load_compose()
    stack = compose["services"]
    declared = set(compose.get("volumes") or {})

    def named_volumes(service):
        return {str(volume).split(":")[0]: str(volume).split(":")[1] for volume in service.get("volumes", [])}

    assert named_volumes(stack["db"]).get("postgres-data") == "/var/lib/postgresql/data"
    media_root = stack["web"]["environment"]["DJANGO_MEDIA_ROOT"]
    for name in ("web", "worker"):
        assert media_root in named_volumes(stack[name]).values(), f"{name} does not mount the media volume"
    for name, service in stack.items():
        for source in named_volumes(service):
            if not source.startswith((".", "/")):
                assert source in declared, f"{name} uses an undeclared volume {source}"


# The variables


def test_settings_env_reads_are_found():
    # Guards the regular expression: if a rewrite of the settings hides these, the tests below go blind.
    found = settings_env_reads("base.py", "production.py")
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_MEDIA_ROOT", "DJANGO_SECURE_SSL_REDIRECT"} <= found


def test_env_example_covers_every_variable_the_settings_read():
    missing = settings_env_reads("base.py", "production.py") - set(read_env_example())
    assert not missing, f".env.example does not mention {sorted(missing)}"


def test_env_example_names_only_variables_something_reads():
    known = settings_env_reads(*[path.name for path in SETTINGS_DIR.glob("*.py")])
    known |= set(compose_variables()) | set(READ_OUTSIDE_SETTINGS)
    unknown = set(read_env_example()) - known
    assert not unknown, f".env.example sets {sorted(unknown)}, which nothing reads"


def test_every_variable_in_env_example_has_a_comment_above_it():
    previous = ""
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = ENV_LINE.match(line.strip())
        if match:
            is_comment = previous.startswith("#") and not ENV_LINE.match(previous)
            assert is_comment and previous.lstrip("# ").strip(), f"{match['name']} has no comment above it"
        previous = line.strip()


def test_every_compose_variable_is_set_in_env_example():
    example = read_env_example()
    for name, has_default in compose_variables().items():
        assert name in example, f"docker-compose.yml reads ${{{name}}}, which .env.example does not mention"
        if not has_default:
            assert example[name][1], f"docker-compose.yml needs {name}; .env.example has it commented out"


def test_variables_compose_sets_stay_commented_out_in_env_example():
    # compose's own values win over .env, and Django reads .env on a workstation too (`make run`),
    # where a DATABASE_URL naming the db service would break the run.
    example = read_env_example()
    for name in APP_SERVICES:
        for variable in services()[name]["environment"]:
            assert variable in example, f"{variable} is not documented in .env.example"
            assert not example[variable][1], f".env.example sets {variable}, which docker-compose.yml sets"


def test_compose_sets_only_variables_something_reads():
    known = settings_env_reads(*[path.name for path in SETTINGS_DIR.glob("*.py")]) | set(READ_OUTSIDE_SETTINGS)
    for name in APP_SERVICES:
        unknown = set(services()[name]["environment"]) - known
        assert not unknown, f"{name} sets {sorted(unknown)}, which nothing reads"


def test_the_placeholder_secret_key_is_refused_by_production_settings():
    minimum = secret_key_minimum_length()
    value, is_set = read_env_example()["DJANGO_SECRET_KEY"]
    assert is_set and value.startswith("change-me")
    assert len(value) < minimum, "the placeholder would be accepted as a real key"


# The image


def test_the_image_runs_gunicorn_on_the_web_port_as_an_unprivileged_user():
    final = final_stage(dockerfile_instructions())
    assert final[0][1].split()[0] == "python:3.11-slim-bookworm"
    argv = dockerfile_cmd()
    assert check_command_line(argv) == "gunicorn"
    assert argv[argv.index("--bind") + 1].endswith(f":{WEB_PORT}")
    exposed = [arguments.split() for keyword, arguments in final if keyword == "EXPOSE"]
    assert [str(WEB_PORT)] in exposed
    users = [arguments for keyword, arguments in final if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), "the image runs as root"


def test_the_image_collects_static_files_with_settings_production_accepts():
    runs = [arguments for keyword, arguments in final_stage(dockerfile_instructions()) if keyword == "RUN"]
    collect = [run for run in runs if "collectstatic" in run]
    assert len(collect) == 1, "the image does not run collectstatic"
    words = shlex.split(collect[0])
    check_manage(words[words.index("python") :])
    build_env = dict(word.split("=", 1) for word in words[: words.index("python")])
    assert build_env["DJANGO_SETTINGS_MODULE"] == "almo_portal.settings.production"
    minimum = secret_key_minimum_length()
    assert len(build_env["DJANGO_SECRET_KEY"]) >= minimum
    assert build_env["DJANGO_ALLOWED_HOSTS"]
    assert build_env["CELERY_BROKER_URL"].startswith("redis://")


def test_the_image_copies_the_built_front_end_from_the_node_stage():
    final = final_stage(dockerfile_instructions())
    copies = [arguments.split() for keyword, arguments in final if keyword == "COPY"]
    copied = {words[-1] for words in copies if words[0].startswith("--from=")}
    assert {"node_modules/govuk-frontend", "static/build"} <= copied
    # The stylesheet the node stage builds is in the folder copied, and is the one the pages load.
    stylesheet = json.loads((ROOT / "package.json").read_text())["scripts"]["build:css"].split()[-1]
    assert stylesheet.startswith("static/build/")
    assert f"{{% static '{stylesheet.removeprefix('static/')}' %}}" in (ROOT / "templates" / "base.html").read_text()
    assert not any(keyword == "FROM" and "node" in arguments for keyword, arguments in final)


def test_dockerignore_keeps_local_state_and_secrets_out_of_the_build():
    ignored = {line.strip() for line in DOCKERIGNORE.read_text().splitlines() if line and not line.startswith("#")}
    assert {".env", ".venv", "node_modules", "var", ".git", "static/build"} <= ignored
