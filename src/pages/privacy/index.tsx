import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { PRIVACY_VERSION } from '../../../types/enums'
import { PageShell, Section } from '../../components/page-shell'
import { Notice } from '../../components/notice'
import { useSession } from '../../hooks/use-session'
import { toApiError } from '../../services/api'
import { accountApi } from '../../services/api/account'
import { rememberPrivacyAccepted } from '../../utils/storage'
import { answerPrivacyAuthorization, hasPendingPrivacyAuthorization, privacyAgreeButtonProps } from '../../utils/platform'
import { ROUTES, back, replace } from '../../utils/routes'
import { PRIVACY_SECTIONS } from './content'
import './index.scss'

export default function PrivacyPage() {
  const { me, refresh } = useSession()
  const [refused, setRefused] = useState(false)
  const [error, setError] = useState('')
  const [saving, setSaving] = useState(false)
  // The server may already require a newer guide than this build of the app shows.
  const outdated = !!me && me.privacy.current !== PRIVACY_VERSION

  const agree = async () => {
    setError('')
    rememberPrivacyAccepted(PRIVACY_VERSION)
    if (hasPendingPrivacyAuthorization()) {
      // WeChat asked (a privacy-protected API was used): answer it and return to where we were.
      answerPrivacyAuthorization(true)
      back(ROUTES.index)
      return
    }
    if (!me?.profile) {
      // Not registered yet: the server records the version with the registration (privacyVersion).
      replace(ROUTES.profile)
      return
    }
    // Registered before this version of the guide: record the new consent now.
    if (me.privacy.accepted !== PRIVACY_VERSION) {
      setSaving(true)
      try {
        await accountApi.acceptPrivacy({ privacyVersion: PRIVACY_VERSION })
        await refresh()
      } catch (e) {
        setError(toApiError(e, 'user.acceptPrivacy').message)
        return
      } finally {
        setSaving(false)
      }
    }
    replace(ROUTES.activities)
  }

  const disagree = () => {
    answerPrivacyAuthorization(false)
    setRefused(true)
  }

  return (
    <PageShell id='page-privacy' title='隐私保护指引' subtitle={`版本 ${PRIVACY_VERSION} · 请您仔细阅读`}>
      <Section>
        <Text className='tq-privacy__lead'>
          团青通由共青团县（区）委提供，用于青年档案登记、团组织联系和活动服务。我们只收集完成这些工作所必需的信息，并严格保护。
        </Text>
      </Section>
      {PRIVACY_SECTIONS.map((s) => (
        <Section key={s.title} title={s.title}>
          {s.paragraphs.map((p) => (
            <Text key={p} className='tq-privacy__p'>
              {p}
            </Text>
          ))}
          {s.items ? (
            <View className='tq-privacy__items'>
              {s.items.map((item) => (
                <View key={item.name} className='tq-privacy__item'>
                  <Text className='tq-privacy__item-name'>{item.name}</Text>
                  <Text className='tq-privacy__item-why'>{item.why}</Text>
                </View>
              ))}
            </View>
          ) : null}
        </Section>
      ))}
      {outdated ? <Notice kind='info'>隐私保护指引已更新，请关闭后重新打开小程序，阅读最新版本后再继续。</Notice> : null}
      <Notice id='privacy-error'>{error}</Notice>
      {refused ? (
        <Notice id='privacy-refused' kind='info'>
          您没有同意隐私保护指引，因此暂时无法登记青年档案。您可以随时回到本页，阅读后点击「同意并继续」。
        </Notice>
      ) : null}
      <View className='tq-actions tq-privacy__actions'>
        <Button {...privacyAgreeButtonProps()} className='tq-button' type='primary' size='large' block disabled={outdated} loading={saving} onClick={() => void agree()}>
          同意并继续
        </Button>
        <Button id='privacy-disagree' className='tq-button' size='large' block onClick={disagree}>
          不同意
        </Button>
      </View>
    </PageShell>
  )
}
