"""Helpers for the apps' demo loaders: records made once and brought up to date, never duplicated."""


def upsert(model, lookup: dict, values: dict):
    """Create the row, or bring it up to date; save only when something differs, so a rerun changes nothing."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save(update_fields=changed)
    return obj, False
