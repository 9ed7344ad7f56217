# Prints PyYAML's problem mark (1-based line and column) for each file named
# on stdin, one "path line col" per line, or "path ok" when PyYAML reads it.
# Used by TestSyntaxErrorsMatchPyYAML to compare starlint's positions with a
# second YAML parser's.
import sys
import yaml

for path in sys.stdin.read().split("\n"):
    if not path:
        continue
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        list(yaml.safe_load_all(text))
        print(path, "ok")
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        if mark is None:
            print(path, "nomark")
        else:
            print(path, mark.line + 1, mark.column + 1)
