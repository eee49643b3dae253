"""factory_boy factories for the organisation; people are made through the real services."""

from __future__ import annotations

from typing import Any

import factory

from yankao.org.models import Agency, City, Role, User


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"C{n:03d}")
    name = factory.Sequence(lambda n: f"測試市{n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    city = factory.SubFactory(CityFactory)
    code = factory.Sequence(lambda n: f"AG{n:03d}")
    name = factory.Sequence(lambda n: f"測試局{n}")
    kind = Agency.Kind.FIRST_LEVEL


class StaffFactory(factory.Factory):
    """Staff through `user_create_staff`, so the factory obeys the same rules as the UI."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"staff{n:04d}")
    agency = factory.SubFactory(AgencyFactory)
    roles: Any = factory.LazyFunction(lambda: [Role.CASE_OFFICER])
    display_name = factory.Faker("name", locale="zh_TW")

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        from yankao.org.services import user_create_staff

        return user_create_staff(password="pw-test-123456", **kwargs)

    _build = _create


class CitizenFactory(factory.Factory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"citizen{n:04d}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.tw")
    display_name = factory.Faker("name", locale="zh_TW")

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        from yankao.org.services import user_create_citizen

        return user_create_citizen(password="pw-test-123456", **kwargs)

    _build = _create
