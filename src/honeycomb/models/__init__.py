"""Every public model, importable from one place: ``from honeycomb.models import Trigger``.

The names resolve lazily (module ``__getattr__``): importing ``honeycomb.models`` loads no
model module, and ``from honeycomb.models import Trigger`` loads only what
``honeycomb.models.triggers`` needs. Each model also stays where it is defined
(``honeycomb.models.triggers.Trigger``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from honeycomb.models.api_keys import (
        ApiKey as ApiKey,
    )
    from honeycomb.models.api_keys import (
        ApiKeyCreate as ApiKeyCreate,
    )
    from honeycomb.models.api_keys import (
        ApiKeyPermissions as ApiKeyPermissions,
    )
    from honeycomb.models.api_keys import (
        ApiKeyPermissionsIn as ApiKeyPermissionsIn,
    )
    from honeycomb.models.api_keys import (
        ApiKeyUpdate as ApiKeyUpdate,
    )
    from honeycomb.models.auth import (
        ApiKeyAccess as ApiKeyAccess,
    )
    from honeycomb.models.auth import (
        Auth as Auth,
    )
    from honeycomb.models.auth import (
        AuthEnvironment as AuthEnvironment,
    )
    from honeycomb.models.auth import (
        AuthTeam as AuthTeam,
    )
    from honeycomb.models.auth import (
        KeyType as KeyType,
    )
    from honeycomb.models.auth import (
        ManagementAuth as ManagementAuth,
    )
    from honeycomb.models.board_views import (
        BoardView as BoardView,
    )
    from honeycomb.models.board_views import (
        BoardViewCreate as BoardViewCreate,
    )
    from honeycomb.models.board_views import (
        BoardViewFilter as BoardViewFilter,
    )
    from honeycomb.models.board_views import (
        BoardViewFilterIn as BoardViewFilterIn,
    )
    from honeycomb.models.board_views import (
        BoardViewUpdate as BoardViewUpdate,
    )
    from honeycomb.models.boards import (
        Board as Board,
    )
    from honeycomb.models.boards import (
        BoardCreate as BoardCreate,
    )
    from honeycomb.models.boards import (
        BoardLinks as BoardLinks,
    )
    from honeycomb.models.boards import (
        BoardPanel as BoardPanel,
    )
    from honeycomb.models.boards import (
        BoardPanelIn as BoardPanelIn,
    )
    from honeycomb.models.boards import (
        BoardQueryVisualizationSettings as BoardQueryVisualizationSettings,
    )
    from honeycomb.models.boards import (
        BoardType as BoardType,
    )
    from honeycomb.models.boards import (
        BoardUpdate as BoardUpdate,
    )
    from honeycomb.models.boards import (
        ChartSettings as ChartSettings,
    )
    from honeycomb.models.boards import (
        ChartSettingsIn as ChartSettingsIn,
    )
    from honeycomb.models.boards import (
        ChartType as ChartType,
    )
    from honeycomb.models.boards import (
        LayoutGeneration as LayoutGeneration,
    )
    from honeycomb.models.boards import (
        PanelPosition as PanelPosition,
    )
    from honeycomb.models.boards import (
        PanelPositionIn as PanelPositionIn,
    )
    from honeycomb.models.boards import (
        PanelType as PanelType,
    )
    from honeycomb.models.boards import (
        PresetFilter as PresetFilter,
    )
    from honeycomb.models.boards import (
        PresetFilterIn as PresetFilterIn,
    )
    from honeycomb.models.boards import (
        QueryPanel as QueryPanel,
    )
    from honeycomb.models.boards import (
        QueryPanelDetails as QueryPanelDetails,
    )
    from honeycomb.models.boards import (
        QueryPanelDetailsIn as QueryPanelDetailsIn,
    )
    from honeycomb.models.boards import (
        QueryPanelIn as QueryPanelIn,
    )
    from honeycomb.models.boards import (
        QueryStyle as QueryStyle,
    )
    from honeycomb.models.boards import (
        SLOPanel as SLOPanel,
    )
    from honeycomb.models.boards import (
        SLOPanelDetails as SLOPanelDetails,
    )
    from honeycomb.models.boards import (
        SLOPanelDetailsIn as SLOPanelDetailsIn,
    )
    from honeycomb.models.boards import (
        SLOPanelIn as SLOPanelIn,
    )
    from honeycomb.models.boards import (
        TextPanel as TextPanel,
    )
    from honeycomb.models.boards import (
        TextPanelDetails as TextPanelDetails,
    )
    from honeycomb.models.boards import (
        TextPanelDetailsIn as TextPanelDetailsIn,
    )
    from honeycomb.models.boards import (
        TextPanelIn as TextPanelIn,
    )
    from honeycomb.models.boards import (
        Threshold as Threshold,
    )
    from honeycomb.models.boards import (
        ThresholdColor as ThresholdColor,
    )
    from honeycomb.models.boards import (
        ThresholdIn as ThresholdIn,
    )
    from honeycomb.models.boards import (
        ThresholdLineStyle as ThresholdLineStyle,
    )
    from honeycomb.models.boards import (
        ThresholdOperation as ThresholdOperation,
    )
    from honeycomb.models.boards import (
        UnknownPanel as UnknownPanel,
    )
    from honeycomb.models.boards import (
        VisualizationSettingsIn as VisualizationSettingsIn,
    )
    from honeycomb.models.burn_alerts import (
        AnyBurnAlert as AnyBurnAlert,
    )
    from honeycomb.models.burn_alerts import (
        BudgetRateBurnAlert as BudgetRateBurnAlert,
    )
    from honeycomb.models.burn_alerts import (
        BudgetRateBurnAlertCreate as BudgetRateBurnAlertCreate,
    )
    from honeycomb.models.burn_alerts import (
        BudgetRateBurnAlertUpdate as BudgetRateBurnAlertUpdate,
    )
    from honeycomb.models.burn_alerts import (
        BurnAlert as BurnAlert,
    )
    from honeycomb.models.burn_alerts import (
        BurnAlertCreate as BurnAlertCreate,
    )
    from honeycomb.models.burn_alerts import (
        BurnAlertRecipient as BurnAlertRecipient,
    )
    from honeycomb.models.burn_alerts import (
        BurnAlertRecipientDetails as BurnAlertRecipientDetails,
    )
    from honeycomb.models.burn_alerts import (
        BurnAlertSLO as BurnAlertSLO,
    )
    from honeycomb.models.burn_alerts import (
        BurnAlertSLORef as BurnAlertSLORef,
    )
    from honeycomb.models.burn_alerts import (
        BurnAlertType as BurnAlertType,
    )
    from honeycomb.models.burn_alerts import (
        BurnAlertUpdate as BurnAlertUpdate,
    )
    from honeycomb.models.burn_alerts import (
        ExhaustionTimeBurnAlert as ExhaustionTimeBurnAlert,
    )
    from honeycomb.models.burn_alerts import (
        ExhaustionTimeBurnAlertCreate as ExhaustionTimeBurnAlertCreate,
    )
    from honeycomb.models.burn_alerts import (
        ExhaustionTimeBurnAlertUpdate as ExhaustionTimeBurnAlertUpdate,
    )
    from honeycomb.models.burn_alerts import (
        WebhookVariable as WebhookVariable,
    )
    from honeycomb.models.calculated_fields import (
        CalculatedField as CalculatedField,
    )
    from honeycomb.models.calculated_fields import (
        CalculatedFieldCreate as CalculatedFieldCreate,
    )
    from honeycomb.models.calculated_fields import (
        CalculatedFieldUpdate as CalculatedFieldUpdate,
    )
    from honeycomb.models.columns import (
        Column as Column,
    )
    from honeycomb.models.columns import (
        ColumnCreate as ColumnCreate,
    )
    from honeycomb.models.columns import (
        ColumnType as ColumnType,
    )
    from honeycomb.models.columns import (
        ColumnUpdate as ColumnUpdate,
    )
    from honeycomb.models.common import (
        NotificationRecipient as NotificationRecipient,
    )
    from honeycomb.models.common import (
        NotificationRecipientDetails as NotificationRecipientDetails,
    )
    from honeycomb.models.common import (
        PagerDutySeverity as PagerDutySeverity,
    )
    from honeycomb.models.common import (
        RecipientType as RecipientType,
    )
    from honeycomb.models.common import (
        Tag as Tag,
    )
    from honeycomb.models.common import (
        TagIn as TagIn,
    )
    from honeycomb.models.common import (
        Tags as Tags,
    )
    from honeycomb.models.dataset_definitions import (
        DatasetDefinition as DatasetDefinition,
    )
    from honeycomb.models.dataset_definitions import (
        DatasetDefinitionColumnType as DatasetDefinitionColumnType,
    )
    from honeycomb.models.dataset_definitions import (
        DatasetDefinitionIn as DatasetDefinitionIn,
    )
    from honeycomb.models.dataset_definitions import (
        DatasetDefinitions as DatasetDefinitions,
    )
    from honeycomb.models.dataset_definitions import (
        DatasetDefinitionsUpdate as DatasetDefinitionsUpdate,
    )
    from honeycomb.models.datasets import (
        Dataset as Dataset,
    )
    from honeycomb.models.datasets import (
        DatasetCreate as DatasetCreate,
    )
    from honeycomb.models.datasets import (
        DatasetSettings as DatasetSettings,
    )
    from honeycomb.models.datasets import (
        DatasetSettingsUpdate as DatasetSettingsUpdate,
    )
    from honeycomb.models.datasets import (
        DatasetType as DatasetType,
    )
    from honeycomb.models.datasets import (
        DatasetUpdate as DatasetUpdate,
    )
    from honeycomb.models.enhance import (
        EnhanceIndexerUsage as EnhanceIndexerUsage,
    )
    from honeycomb.models.environments import (
        Environment as Environment,
    )
    from honeycomb.models.environments import (
        EnvironmentColor as EnvironmentColor,
    )
    from honeycomb.models.environments import (
        EnvironmentCreate as EnvironmentCreate,
    )
    from honeycomb.models.environments import (
        EnvironmentSettings as EnvironmentSettings,
    )
    from honeycomb.models.environments import (
        EnvironmentSettingsUpdate as EnvironmentSettingsUpdate,
    )
    from honeycomb.models.environments import (
        EnvironmentUpdate as EnvironmentUpdate,
    )
    from honeycomb.models.events import (
        BatchEvent as BatchEvent,
    )
    from honeycomb.models.events import (
        EventResult as EventResult,
    )
    from honeycomb.models.events import (
        EventTime as EventTime,
    )
    from honeycomb.models.events import (
        KinesisEvent as KinesisEvent,
    )
    from honeycomb.models.events import (
        KinesisRecord as KinesisRecord,
    )
    from honeycomb.models.events import (
        KinesisResponse as KinesisResponse,
    )
    from honeycomb.models.marker_settings import (
        MarkerSetting as MarkerSetting,
    )
    from honeycomb.models.marker_settings import (
        MarkerSettingCreate as MarkerSettingCreate,
    )
    from honeycomb.models.marker_settings import (
        MarkerSettingUpdate as MarkerSettingUpdate,
    )
    from honeycomb.models.markers import (
        Marker as Marker,
    )
    from honeycomb.models.markers import (
        MarkerCreate as MarkerCreate,
    )
    from honeycomb.models.markers import (
        MarkerUpdate as MarkerUpdate,
    )
    from honeycomb.models.pipelines import (
        AnyValue as AnyValue,
    )
    from honeycomb.models.pipelines import (
        DataPoint as DataPoint,
    )
    from honeycomb.models.pipelines import (
        KeyValue as KeyValue,
    )
    from honeycomb.models.pipelines import (
        Metric as Metric,
    )
    from honeycomb.models.pipelines import (
        MetricSum as MetricSum,
    )
    from honeycomb.models.pipelines import (
        PipelineConfig as PipelineConfig,
    )
    from honeycomb.models.pipelines import (
        PipelineConfiguration as PipelineConfiguration,
    )
    from honeycomb.models.pipelines import (
        PipelineHealthReport as PipelineHealthReport,
    )
    from honeycomb.models.pipelines import (
        PipelineRollout as PipelineRollout,
    )
    from honeycomb.models.pipelines import (
        ResourceMetrics as ResourceMetrics,
    )
    from honeycomb.models.pipelines import (
        RolloutStatus as RolloutStatus,
    )
    from honeycomb.models.pipelines import (
        RolloutUpdate as RolloutUpdate,
    )
    from honeycomb.models.pipelines import (
        ScopeMetrics as ScopeMetrics,
    )
    from honeycomb.models.pipelines import (
        UsageData as UsageData,
    )
    from honeycomb.models.queries import (
        Calculation as Calculation,
    )
    from honeycomb.models.queries import (
        CalculationOp as CalculationOp,
    )
    from honeycomb.models.queries import (
        Filter as Filter,
    )
    from honeycomb.models.queries import (
        FilterCombination as FilterCombination,
    )
    from honeycomb.models.queries import (
        FilterOp as FilterOp,
    )
    from honeycomb.models.queries import (
        FilterValue as FilterValue,
    )
    from honeycomb.models.queries import (
        Formula as Formula,
    )
    from honeycomb.models.queries import (
        Having as Having,
    )
    from honeycomb.models.queries import (
        HavingOp as HavingOp,
    )
    from honeycomb.models.queries import (
        InlineCalculatedField as InlineCalculatedField,
    )
    from honeycomb.models.queries import (
        Order as Order,
    )
    from honeycomb.models.queries import (
        OrderDirection as OrderDirection,
    )
    from honeycomb.models.queries import (
        Query as Query,
    )
    from honeycomb.models.queries import (
        QueryCalculatedField as QueryCalculatedField,
    )
    from honeycomb.models.queries import (
        QueryCalculation as QueryCalculation,
    )
    from honeycomb.models.queries import (
        QueryFilter as QueryFilter,
    )
    from honeycomb.models.queries import (
        QueryFormula as QueryFormula,
    )
    from honeycomb.models.queries import (
        QueryHaving as QueryHaving,
    )
    from honeycomb.models.queries import (
        QueryOrder as QueryOrder,
    )
    from honeycomb.models.queries import (
        QueryResult as QueryResult,
    )
    from honeycomb.models.queries import (
        QueryResultData as QueryResultData,
    )
    from honeycomb.models.queries import (
        QueryResultLinks as QueryResultLinks,
    )
    from honeycomb.models.queries import (
        QueryResultRequest as QueryResultRequest,
    )
    from honeycomb.models.queries import (
        QueryResultRow as QueryResultRow,
    )
    from honeycomb.models.queries import (
        QueryResultSeriesPoint as QueryResultSeriesPoint,
    )
    from honeycomb.models.queries import (
        QuerySpec as QuerySpec,
    )
    from honeycomb.models.query_annotations import (
        QueryAnnotation as QueryAnnotation,
    )
    from honeycomb.models.query_annotations import (
        QueryAnnotationCreate as QueryAnnotationCreate,
    )
    from honeycomb.models.query_annotations import (
        QueryAnnotationSource as QueryAnnotationSource,
    )
    from honeycomb.models.query_annotations import (
        QueryAnnotationUpdate as QueryAnnotationUpdate,
    )
    from honeycomb.models.recipients import (
        EmailDetails as EmailDetails,
    )
    from honeycomb.models.recipients import (
        EmailDetailsIn as EmailDetailsIn,
    )
    from honeycomb.models.recipients import (
        EmailRecipient as EmailRecipient,
    )
    from honeycomb.models.recipients import (
        EmailRecipientCreate as EmailRecipientCreate,
    )
    from honeycomb.models.recipients import (
        GenericRecipient as GenericRecipient,
    )
    from honeycomb.models.recipients import (
        MSTeamsDetails as MSTeamsDetails,
    )
    from honeycomb.models.recipients import (
        MSTeamsDetailsIn as MSTeamsDetailsIn,
    )
    from honeycomb.models.recipients import (
        MSTeamsRecipient as MSTeamsRecipient,
    )
    from honeycomb.models.recipients import (
        MSTeamsRecipientCreate as MSTeamsRecipientCreate,
    )
    from honeycomb.models.recipients import (
        MSTeamsWorkflowDetails as MSTeamsWorkflowDetails,
    )
    from honeycomb.models.recipients import (
        MSTeamsWorkflowDetailsIn as MSTeamsWorkflowDetailsIn,
    )
    from honeycomb.models.recipients import (
        MSTeamsWorkflowRecipient as MSTeamsWorkflowRecipient,
    )
    from honeycomb.models.recipients import (
        MSTeamsWorkflowRecipientCreate as MSTeamsWorkflowRecipientCreate,
    )
    from honeycomb.models.recipients import (
        PagerDutyDetails as PagerDutyDetails,
    )
    from honeycomb.models.recipients import (
        PagerDutyDetailsIn as PagerDutyDetailsIn,
    )
    from honeycomb.models.recipients import (
        PagerDutyRecipient as PagerDutyRecipient,
    )
    from honeycomb.models.recipients import (
        PagerDutyRecipientCreate as PagerDutyRecipientCreate,
    )
    from honeycomb.models.recipients import (
        PayloadTemplate as PayloadTemplate,
    )
    from honeycomb.models.recipients import (
        PayloadTemplateIn as PayloadTemplateIn,
    )
    from honeycomb.models.recipients import (
        PayloadTemplates as PayloadTemplates,
    )
    from honeycomb.models.recipients import (
        PayloadTemplatesIn as PayloadTemplatesIn,
    )
    from honeycomb.models.recipients import (
        Recipient as Recipient,
    )
    from honeycomb.models.recipients import (
        RecipientCreate as RecipientCreate,
    )
    from honeycomb.models.recipients import (
        SlackDetails as SlackDetails,
    )
    from honeycomb.models.recipients import (
        SlackDetailsIn as SlackDetailsIn,
    )
    from honeycomb.models.recipients import (
        SlackRecipient as SlackRecipient,
    )
    from honeycomb.models.recipients import (
        SlackRecipientCreate as SlackRecipientCreate,
    )
    from honeycomb.models.recipients import (
        TemplateVariable as TemplateVariable,
    )
    from honeycomb.models.recipients import (
        TemplateVariableIn as TemplateVariableIn,
    )
    from honeycomb.models.recipients import (
        WebhookDetails as WebhookDetails,
    )
    from honeycomb.models.recipients import (
        WebhookDetailsIn as WebhookDetailsIn,
    )
    from honeycomb.models.recipients import (
        WebhookHeader as WebhookHeader,
    )
    from honeycomb.models.recipients import (
        WebhookHeaderIn as WebhookHeaderIn,
    )
    from honeycomb.models.recipients import (
        WebhookPayloads as WebhookPayloads,
    )
    from honeycomb.models.recipients import (
        WebhookPayloadsIn as WebhookPayloadsIn,
    )
    from honeycomb.models.recipients import (
        WebhookRecipient as WebhookRecipient,
    )
    from honeycomb.models.recipients import (
        WebhookRecipientCreate as WebhookRecipientCreate,
    )
    from honeycomb.models.service_maps import (
        DependencyRequest as DependencyRequest,
    )
    from honeycomb.models.service_maps import (
        DependencyRequestCreate as DependencyRequestCreate,
    )
    from honeycomb.models.service_maps import (
        DependencyRequestStatus as DependencyRequestStatus,
    )
    from honeycomb.models.service_maps import (
        MapDependency as MapDependency,
    )
    from honeycomb.models.service_maps import (
        MapNode as MapNode,
    )
    from honeycomb.models.service_maps import (
        MapNodeIn as MapNodeIn,
    )
    from honeycomb.models.signals import (
        HistoricalAnomaly as HistoricalAnomaly,
    )
    from honeycomb.models.signals import (
        MeasuredSignal as MeasuredSignal,
    )
    from honeycomb.models.signals import (
        NormalRange as NormalRange,
    )
    from honeycomb.models.signals import (
        Signal as Signal,
    )
    from honeycomb.models.signals import (
        SignalRecipient as SignalRecipient,
    )
    from honeycomb.models.signals import (
        SignalRecipientDetails as SignalRecipientDetails,
    )
    from honeycomb.models.signals import (
        SignalSensitivity as SignalSensitivity,
    )
    from honeycomb.models.signals import (
        SignalStatus as SignalStatus,
    )
    from honeycomb.models.signals import (
        SignalUpdate as SignalUpdate,
    )
    from honeycomb.models.slos import (
        SLICreate as SLICreate,
    )
    from honeycomb.models.slos import (
        SLOCounts as SLOCounts,
    )
    from honeycomb.models.slos import (
        SLOCountWindow as SLOCountWindow,
    )
    from honeycomb.models.slos import (
        SLOCreate as SLOCreate,
    )
    from honeycomb.models.slos import (
        SLOHistory as SLOHistory,
    )
    from honeycomb.models.slos import (
        SLOHistoryRequest as SLOHistoryRequest,
    )
    from honeycomb.models.slos import (
        SLOHourBucket as SLOHourBucket,
    )
    from honeycomb.models.slos import (
        SLOHourlyCounts as SLOHourlyCounts,
    )
    from honeycomb.models.slos import (
        SLOStatus as SLOStatus,
    )
    from honeycomb.models.slos import (
        SLOUpdate as SLOUpdate,
    )
    from honeycomb.models.team_markers import (
        TeamMarker as TeamMarker,
    )
    from honeycomb.models.team_markers import (
        TeamMarkerCreate as TeamMarkerCreate,
    )
    from honeycomb.models.team_markers import (
        TeamMarkerUpdate as TeamMarkerUpdate,
    )
    from honeycomb.models.triggers import (
        AlertType as AlertType,
    )
    from honeycomb.models.triggers import (
        BaselineDetails as BaselineDetails,
    )
    from honeycomb.models.triggers import (
        BaselineDetailsIn as BaselineDetailsIn,
    )
    from honeycomb.models.triggers import (
        BaselineType as BaselineType,
    )
    from honeycomb.models.triggers import (
        DayOfWeek as DayOfWeek,
    )
    from honeycomb.models.triggers import (
        EvaluationSchedule as EvaluationSchedule,
    )
    from honeycomb.models.triggers import (
        EvaluationScheduleIn as EvaluationScheduleIn,
    )
    from honeycomb.models.triggers import (
        EvaluationScheduleType as EvaluationScheduleType,
    )
    from honeycomb.models.triggers import (
        EvaluationWindow as EvaluationWindow,
    )
    from honeycomb.models.triggers import (
        EvaluationWindowIn as EvaluationWindowIn,
    )
    from honeycomb.models.triggers import (
        Trigger as Trigger,
    )
    from honeycomb.models.triggers import (
        TriggerCreate as TriggerCreate,
    )
    from honeycomb.models.triggers import (
        TriggerThreshold as TriggerThreshold,
    )
    from honeycomb.models.triggers import (
        TriggerThresholdIn as TriggerThresholdIn,
    )
    from honeycomb.models.triggers import (
        TriggerThresholdOp as TriggerThresholdOp,
    )
    from honeycomb.models.triggers import (
        TriggerUpdate as TriggerUpdate,
    )

_MODULES: dict[str, str] = {
    "AlertType": "triggers",
    "AnyBurnAlert": "burn_alerts",
    "AnyValue": "pipelines",
    "ApiKey": "api_keys",
    "ApiKeyAccess": "auth",
    "ApiKeyCreate": "api_keys",
    "ApiKeyPermissions": "api_keys",
    "ApiKeyPermissionsIn": "api_keys",
    "ApiKeyUpdate": "api_keys",
    "Auth": "auth",
    "AuthEnvironment": "auth",
    "AuthTeam": "auth",
    "BaselineDetails": "triggers",
    "BaselineDetailsIn": "triggers",
    "BaselineType": "triggers",
    "BatchEvent": "events",
    "Board": "boards",
    "BoardCreate": "boards",
    "BoardLinks": "boards",
    "BoardPanel": "boards",
    "BoardPanelIn": "boards",
    "BoardQueryVisualizationSettings": "boards",
    "BoardType": "boards",
    "BoardUpdate": "boards",
    "BoardView": "board_views",
    "BoardViewCreate": "board_views",
    "BoardViewFilter": "board_views",
    "BoardViewFilterIn": "board_views",
    "BoardViewUpdate": "board_views",
    "BudgetRateBurnAlert": "burn_alerts",
    "BudgetRateBurnAlertCreate": "burn_alerts",
    "BudgetRateBurnAlertUpdate": "burn_alerts",
    "BurnAlert": "burn_alerts",
    "BurnAlertCreate": "burn_alerts",
    "BurnAlertRecipient": "burn_alerts",
    "BurnAlertRecipientDetails": "burn_alerts",
    "BurnAlertSLO": "burn_alerts",
    "BurnAlertSLORef": "burn_alerts",
    "BurnAlertType": "burn_alerts",
    "BurnAlertUpdate": "burn_alerts",
    "CalculatedField": "calculated_fields",
    "CalculatedFieldCreate": "calculated_fields",
    "CalculatedFieldUpdate": "calculated_fields",
    "Calculation": "queries",
    "CalculationOp": "queries",
    "ChartSettings": "boards",
    "ChartSettingsIn": "boards",
    "ChartType": "boards",
    "Column": "columns",
    "ColumnCreate": "columns",
    "ColumnType": "columns",
    "ColumnUpdate": "columns",
    "DataPoint": "pipelines",
    "Dataset": "datasets",
    "DatasetCreate": "datasets",
    "DatasetDefinition": "dataset_definitions",
    "DatasetDefinitionColumnType": "dataset_definitions",
    "DatasetDefinitionIn": "dataset_definitions",
    "DatasetDefinitions": "dataset_definitions",
    "DatasetDefinitionsUpdate": "dataset_definitions",
    "DatasetSettings": "datasets",
    "DatasetSettingsUpdate": "datasets",
    "DatasetType": "datasets",
    "DatasetUpdate": "datasets",
    "DayOfWeek": "triggers",
    "DependencyRequest": "service_maps",
    "DependencyRequestCreate": "service_maps",
    "DependencyRequestStatus": "service_maps",
    "EmailDetails": "recipients",
    "EmailDetailsIn": "recipients",
    "EmailRecipient": "recipients",
    "EmailRecipientCreate": "recipients",
    "EnhanceIndexerUsage": "enhance",
    "Environment": "environments",
    "EnvironmentColor": "environments",
    "EnvironmentCreate": "environments",
    "EnvironmentSettings": "environments",
    "EnvironmentSettingsUpdate": "environments",
    "EnvironmentUpdate": "environments",
    "EvaluationSchedule": "triggers",
    "EvaluationScheduleIn": "triggers",
    "EvaluationScheduleType": "triggers",
    "EvaluationWindow": "triggers",
    "EvaluationWindowIn": "triggers",
    "EventResult": "events",
    "EventTime": "events",
    "ExhaustionTimeBurnAlert": "burn_alerts",
    "ExhaustionTimeBurnAlertCreate": "burn_alerts",
    "ExhaustionTimeBurnAlertUpdate": "burn_alerts",
    "Filter": "queries",
    "FilterCombination": "queries",
    "FilterOp": "queries",
    "FilterValue": "queries",
    "Formula": "queries",
    "GenericRecipient": "recipients",
    "Having": "queries",
    "HavingOp": "queries",
    "HistoricalAnomaly": "signals",
    "InlineCalculatedField": "queries",
    "KeyType": "auth",
    "KeyValue": "pipelines",
    "KinesisEvent": "events",
    "KinesisRecord": "events",
    "KinesisResponse": "events",
    "LayoutGeneration": "boards",
    "MSTeamsDetails": "recipients",
    "MSTeamsDetailsIn": "recipients",
    "MSTeamsRecipient": "recipients",
    "MSTeamsRecipientCreate": "recipients",
    "MSTeamsWorkflowDetails": "recipients",
    "MSTeamsWorkflowDetailsIn": "recipients",
    "MSTeamsWorkflowRecipient": "recipients",
    "MSTeamsWorkflowRecipientCreate": "recipients",
    "ManagementAuth": "auth",
    "MapDependency": "service_maps",
    "MapNode": "service_maps",
    "MapNodeIn": "service_maps",
    "Marker": "markers",
    "MarkerCreate": "markers",
    "MarkerSetting": "marker_settings",
    "MarkerSettingCreate": "marker_settings",
    "MarkerSettingUpdate": "marker_settings",
    "MarkerUpdate": "markers",
    "MeasuredSignal": "signals",
    "Metric": "pipelines",
    "MetricSum": "pipelines",
    "NormalRange": "signals",
    "NotificationRecipient": "common",
    "NotificationRecipientDetails": "common",
    "Order": "queries",
    "OrderDirection": "queries",
    "PagerDutyDetails": "recipients",
    "PagerDutyDetailsIn": "recipients",
    "PagerDutyRecipient": "recipients",
    "PagerDutyRecipientCreate": "recipients",
    "PagerDutySeverity": "common",
    "PanelPosition": "boards",
    "PanelPositionIn": "boards",
    "PanelType": "boards",
    "PayloadTemplate": "recipients",
    "PayloadTemplateIn": "recipients",
    "PayloadTemplates": "recipients",
    "PayloadTemplatesIn": "recipients",
    "PipelineConfig": "pipelines",
    "PipelineConfiguration": "pipelines",
    "PipelineHealthReport": "pipelines",
    "PipelineRollout": "pipelines",
    "PresetFilter": "boards",
    "PresetFilterIn": "boards",
    "Query": "queries",
    "QueryAnnotation": "query_annotations",
    "QueryAnnotationCreate": "query_annotations",
    "QueryAnnotationSource": "query_annotations",
    "QueryAnnotationUpdate": "query_annotations",
    "QueryCalculatedField": "queries",
    "QueryCalculation": "queries",
    "QueryFilter": "queries",
    "QueryFormula": "queries",
    "QueryHaving": "queries",
    "QueryOrder": "queries",
    "QueryPanel": "boards",
    "QueryPanelDetails": "boards",
    "QueryPanelDetailsIn": "boards",
    "QueryPanelIn": "boards",
    "QueryResult": "queries",
    "QueryResultData": "queries",
    "QueryResultLinks": "queries",
    "QueryResultRequest": "queries",
    "QueryResultRow": "queries",
    "QueryResultSeriesPoint": "queries",
    "QuerySpec": "queries",
    "QueryStyle": "boards",
    "Recipient": "recipients",
    "RecipientCreate": "recipients",
    "RecipientType": "common",
    "ResourceMetrics": "pipelines",
    "RolloutStatus": "pipelines",
    "RolloutUpdate": "pipelines",
    "SLICreate": "slos",
    "SLOCountWindow": "slos",
    "SLOCounts": "slos",
    "SLOCreate": "slos",
    "SLOHistory": "slos",
    "SLOHistoryRequest": "slos",
    "SLOHourBucket": "slos",
    "SLOHourlyCounts": "slos",
    "SLOPanel": "boards",
    "SLOPanelDetails": "boards",
    "SLOPanelDetailsIn": "boards",
    "SLOPanelIn": "boards",
    "SLOStatus": "slos",
    "SLOUpdate": "slos",
    "ScopeMetrics": "pipelines",
    "Signal": "signals",
    "SignalRecipient": "signals",
    "SignalRecipientDetails": "signals",
    "SignalSensitivity": "signals",
    "SignalStatus": "signals",
    "SignalUpdate": "signals",
    "SlackDetails": "recipients",
    "SlackDetailsIn": "recipients",
    "SlackRecipient": "recipients",
    "SlackRecipientCreate": "recipients",
    "Tag": "common",
    "TagIn": "common",
    "Tags": "common",
    "TeamMarker": "team_markers",
    "TeamMarkerCreate": "team_markers",
    "TeamMarkerUpdate": "team_markers",
    "TemplateVariable": "recipients",
    "TemplateVariableIn": "recipients",
    "TextPanel": "boards",
    "TextPanelDetails": "boards",
    "TextPanelDetailsIn": "boards",
    "TextPanelIn": "boards",
    "Threshold": "boards",
    "ThresholdColor": "boards",
    "ThresholdIn": "boards",
    "ThresholdLineStyle": "boards",
    "ThresholdOperation": "boards",
    "Trigger": "triggers",
    "TriggerCreate": "triggers",
    "TriggerThreshold": "triggers",
    "TriggerThresholdIn": "triggers",
    "TriggerThresholdOp": "triggers",
    "TriggerUpdate": "triggers",
    "UnknownPanel": "boards",
    "UsageData": "pipelines",
    "VisualizationSettingsIn": "boards",
    "WebhookDetails": "recipients",
    "WebhookDetailsIn": "recipients",
    "WebhookHeader": "recipients",
    "WebhookHeaderIn": "recipients",
    "WebhookPayloads": "recipients",
    "WebhookPayloadsIn": "recipients",
    "WebhookRecipient": "recipients",
    "WebhookRecipientCreate": "recipients",
    "WebhookVariable": "burn_alerts",
}
"""Public name -> the module of ``honeycomb.models`` that defines it."""

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'honeycomb.models' has no attribute {name!r}")
    value = getattr(import_module(f"honeycomb.models.{module}"), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
